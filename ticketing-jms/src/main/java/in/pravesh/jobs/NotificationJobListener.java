package in.pravesh.jobs;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Notification jobs: {@code notify} sends a registration's ticket on the job's channel; {@code
 * broadcast} sends a broadcast to one registrant; {@code whatsapp.reply} tells a WhatsApp
 * registrant why their registration was refused.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = JobQueues.NOTIFICATION_JOBS),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "4")
    })
// No transaction around the provider call: TicketDelivery records the message and commits before
// it sends, once per job id (a job delivered again sends nothing more).
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NotificationJobListener implements MessageListener {

  @Inject JobHandlers handlers;

  @Override
  public void onMessage(Message message) {
    try {
      handlers.run(JmsJobs.read(JobRelay.NOTIFICATIONS, message));
    } catch (JMSException e) {
      throw new IllegalStateException("Unreadable notification job", e);
    }
  }
}
