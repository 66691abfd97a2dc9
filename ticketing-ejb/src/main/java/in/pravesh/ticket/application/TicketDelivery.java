package in.pravesh.ticket.application;

import in.pravesh.notification.application.MessageSender;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Sends a registration's ticket for a {@code notify} job, once per job, outside any transaction
 * (the message is recorded and committed first). A WhatsApp message that fails becomes an SMS job
 * of its own ({@code MessageLog}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TicketDelivery {

  @Inject TicketMessages messages;
  @Inject MessageSender sender;

  public void deliver(UUID registrationId, String channel, String jobId) {
    messages
        .compose(registrationId, channel)
        .ifPresent(message -> sender.send(message, registrationId, jobId));
  }
}
