package in.pravesh.jobs;

import in.pravesh.ticket.application.TicketDelivery;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
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
public class NotificationJobListener implements MessageListener {

  @Inject TicketDelivery delivery;

  @Override
  public void onMessage(Message message) {
    try {
      delivery.deliver(
          UUID.fromString(message.getBody(String.class)), message.getStringProperty("channel"));
    } catch (JMSException e) {
      throw new IllegalStateException("Unreadable notification job", e);
    }
  }
}
