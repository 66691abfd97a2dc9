package in.pravesh.jobs;

import in.pravesh.ticket.application.TicketIssuer;
import in.pravesh.whatsapp.application.ChatRegistrations;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.UUID;

/**
 * {@code ticket.issue} jobs: makes the registration's ticket; {@code whatsapp.register} jobs: makes
 * the registration a WhatsApp conversation confirmed. A failure rolls the delivery back, so the
 * broker redelivers with back-off and, after the last attempt, parks the job in DeadJobs.
 */
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(
          propertyName = "destinationLookup",
          propertyValue = JobQueues.TICKET_JOBS),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue"),
      @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "8")
    })
public class TicketJobListener implements MessageListener {

  @Inject TicketIssuer issuer;
  @Inject ChatRegistrations chats;

  @Override
  public void onMessage(Message message) {
    try {
      UUID id = UUID.fromString(message.getBody(String.class));
      if ("whatsapp.register".equals(message.getStringProperty("kind"))) {
        chats.complete(id);
      } else {
        issuer.issue(id);
      }
    } catch (JMSException e) {
      throw new IllegalStateException("Unreadable ticket job", e);
    }
  }
}
