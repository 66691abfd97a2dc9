package in.pravesh.jobs;

import in.pravesh.registration.application.BroadcastDelivery;
import in.pravesh.ticket.application.TicketDelivery;
import in.pravesh.whatsapp.application.ChatRegistrations;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.UUID;

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

  @Inject TicketDelivery delivery;
  @Inject BroadcastDelivery broadcasts;
  @Inject ChatRegistrations chats;

  @Override
  public void onMessage(Message message) {
    try {
      String jobId = message.getStringProperty(JobSender.JOB_ID);
      UUID subject = UUID.fromString(message.getBody(String.class));
      String id = jobId != null ? jobId : message.getJMSMessageID();
      if ("whatsapp.reply".equals(message.getStringProperty("kind"))) {
        chats.tellRefusal(subject, id);
      } else if ("broadcast".equals(message.getStringProperty("kind"))) {
        broadcasts.deliver(
            UUID.fromString(message.getStringProperty("broadcastId")),
            subject,
            message.getStringProperty("channel"),
            id);
      } else {
        delivery.deliver(subject, message.getStringProperty("channel"), id);
      }
    } catch (JMSException e) {
      throw new IllegalStateException("Unreadable notification job", e);
    }
  }
}
