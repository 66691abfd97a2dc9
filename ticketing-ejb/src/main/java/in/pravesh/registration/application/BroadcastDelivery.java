package in.pravesh.registration.application;

import in.pravesh.notification.application.MessageSender;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Sends a broadcast to one registrant for a {@code broadcast} job, once per job, outside any
 * transaction (the message is recorded and committed first, as tickets are).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BroadcastDelivery {

  @Inject Broadcasts broadcasts;
  @Inject MessageSender sender;

  /** {@code channel}: sms for the fallback of a failed WhatsApp message, else null. */
  public void deliver(UUID broadcastId, UUID registrationId, String channel, String jobId) {
    broadcasts
        .compose(broadcastId, registrationId, channel)
        .ifPresent(message -> sender.send(message, registrationId, jobId));
  }
}
