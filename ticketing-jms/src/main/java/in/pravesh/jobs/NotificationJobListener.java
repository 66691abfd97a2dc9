package in.pravesh.jobs;

import in.pravesh.ticket.application.TicketDelivery;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.UUID;

/** {@code notify} jobs: sends a registration's ticket on the job's channel. */
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

  @Inject TicketDelivery delivery;

  @Override
  public void onMessage(Message message) {
    try {
      String jobId = message.getStringProperty(JobSender.JOB_ID);
      delivery.deliver(
          UUID.fromString(message.getBody(String.class)),
          message.getStringProperty("channel"),
          jobId != null ? jobId : message.getJMSMessageID());
    } catch (JMSException e) {
      throw new IllegalStateException("Unreadable notification job", e);
    }
  }
}
