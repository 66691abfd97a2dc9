package in.pravesh.notification.application;

import com.twilio.security.RequestValidator;
import in.pravesh.notification.domain.Message;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Twilio's delivery reports (status callbacks): checked against {@code X-Twilio-Signature} first,
 * then the message's state follows them, forward only. A WhatsApp ticket that could not be
 * delivered goes by SMS, as a job of its own.
 */
@Stateless
public class DeliveryReports {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject SmsFallback fallback;

  @Inject
  @ConfigProperty(name = "ticketing.twilio.auth-token", defaultValue = "dev-twilio-token")
  String authToken;

  @Inject
  @ConfigProperty(name = "ticketing.public.base-url", defaultValue = "http://localhost:8080")
  String publicBaseUrl;

  /** Whether Twilio signed these parameters for our public URL of {@code path}. */
  public boolean signedByTwilio(String path, Map<String, String> parameters, String signature) {
    return signature != null
        && new RequestValidator(authToken).validate(publicBaseUrl + path, parameters, signature);
  }

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
