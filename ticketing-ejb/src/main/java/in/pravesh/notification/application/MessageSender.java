package in.pravesh.notification.application;

import in.pravesh.notification.domain.Message;
import in.pravesh.notification.infrastructure.DevOutboxNotifier;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.PraveshConfig;
import in.pravesh.platform.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends one message now and records it (kind, channel, recipient, state, provider id, attempts). A
 * global cap on messages per hour, counted in the database so that it holds for the whole cluster,
 * stops sending and raises an alert (log, metric, health detail) instead of a bill.
 */
@Stateless
public class MessageSender {

  private static final Logger LOG = Logger.getLogger(MessageSender.class.getName());

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject PraveshConfig config;
  @Inject DevOutboxNotifier outbox;
  @Inject Instance<Notifier> notifiers;
  @Inject MeterRegistry metrics;

  @Inject
  @ConfigProperty(name = "ticketing.messages.max-per-hour", defaultValue = "5000")
  long maxPerHour;

  /**
   * Sends the message and returns its id.
   *
   * @throws BusinessException 503 {@code try-again} when the hourly cap is reached
   */
  public UUID send(OutgoingMessage message) {
    return send(message, null);
  }

  /** Sends a message that belongs to a registration (tickets), and returns its id. */
  public UUID send(OutgoingMessage message, UUID registrationId) {
    Instant now = clock.instant();
    long lastHour =
        ((Number)
                em.createNativeQuery("select count(*) from message where created_at > ?1")
                    .setParameter(1, Timestamp.from(now.minus(Duration.ofHours(1))))
                    .getSingleResult())
            .longValue();
    if (lastHour >= maxPerHour) {
      metrics.counter("pravesh_messages_refused_by_cap").increment();
      LOG.severe(
          "ALERT: the cap of "
              + maxPerHour
              + " messages per hour is reached; "
              + message.kind()
              + " to "
              + message.to().substring(0, 3)
              + "... not sent. Raise TICKETING_MESSAGES_MAX_PER_HOUR if this is real demand.");
      throw new BusinessException(
          ProblemType.TRY_AGAIN, "We cannot send messages right now; try again later");
    }
    Notifier notifier = notifier();
    Message row =
        new Message(
            message.kind(),
            message.channel().wireName(),
            message.to(),
            message.body(),
            message.mediaUrl(),
            notifier.name(),
            now);
    row.belongsTo(registrationId);
    em.persist(row);
    try {
      row.sent(notifier.send(message).providerId(), clock.instant());
      metrics.counter("pravesh_messages_sent", "kind", message.kind()).increment();
    } catch (RuntimeException e) {
      row.failed(clock.instant());
      metrics.counter("pravesh_messages_failed", "kind", message.kind()).increment();
      LOG.log(Level.WARNING, "Message " + row.id() + " (" + message.kind() + ") failed", e);
    }
    return row.id();
  }

  private Notifier notifier() {
    if (config.devMode()) {
      return outbox;
    }
    return notifiers.stream()
        .filter(n -> !(n instanceof DevOutboxNotifier))
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("no message provider outside development mode"));
  }
}
