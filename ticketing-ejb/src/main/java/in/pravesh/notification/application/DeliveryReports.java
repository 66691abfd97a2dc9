package in.pravesh.notification.application;

import in.pravesh.notification.domain.Message;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Twilio's delivery reports (status callbacks, their signature checked by {@link TwilioSignatures}
 * first): the message's state follows them, forward only. A WhatsApp ticket that could not be
 * delivered goes by SMS, as a job of its own.
 */
@Stateless
public class DeliveryReports {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject SmsFallback fallback;

  /**
   * Applies a report to the message it names: by our id ({@code mid} in the callback URL) or by
   * Twilio's. The row is read under its lock and its state only moves forward, so late, repeated or
   * racing reports change nothing twice. A WhatsApp ticket that failed gets one SMS job, however
   * often the failure is reported. Unknown messages are ignored (Twilio may report ones we forgot).
   */
  public void report(String messageSid, String status, String ourId) {
    if (messageSid == null || status == null) {
      return;
    }
    Message.State state =
        switch (status) {
          case "delivered", "read" -> Message.State.DELIVERED;
          case "failed", "undelivered" -> Message.State.FAILED;
          case "sent" -> Message.State.SENT;
          default -> null;
        };
    if (state == null) {
      return;
    }
    UUID id = ourId(ourId).orElseGet(() -> byProviderId(messageSid));
    Message message =
        id == null ? null : em.find(Message.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (message == null) {
      return;
    }
    boolean wasFailed = message.state() == Message.State.FAILED;
    message.reported(state, messageSid, clock.instant());
    fallback.afterChange(message, wasFailed);
  }

  private UUID byProviderId(String messageSid) {
    return em.createQuery("select m.id from Message m where m.providerId = :sid", UUID.class)
        .setParameter("sid", messageSid)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }

  private static Optional<UUID> ourId(String text) {
    try {
      return text == null ? Optional.empty() : Optional.of(UUID.fromString(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
