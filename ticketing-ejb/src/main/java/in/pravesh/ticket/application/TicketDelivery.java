package in.pravesh.ticket.application;

import in.pravesh.jobs.JobSender;
import in.pravesh.notification.application.MessageSender;
import in.pravesh.notification.domain.Message;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Sends a registration's ticket for a {@code notify} job, once per job, outside any transaction
 * (the message is recorded and committed first). A WhatsApp message refused at once becomes an SMS
 * job of its own.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TicketDelivery {

  @Inject TicketMessages messages;
  @Inject MessageSender sender;
  @Inject JobSender jobs;

  public void deliver(UUID registrationId, String channel, String jobId) {
    messages
        .compose(registrationId, channel)
        .flatMap(message -> sender.send(message, registrationId, jobId))
        .filter(sent -> sent.state() == Message.State.FAILED && "whatsapp".equals(channel))
        // Not a WhatsApp user, or WhatsApp refused it: the ticket goes by SMS instead.
        .ifPresent(sent -> jobs.smsFallback(registrationId, sent.id()));
  }
}
