package in.pravesh.notification.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import in.pravesh.notification.domain.Message;
import in.pravesh.notification.infrastructure.DevOutboxNotifier;
import in.pravesh.notification.infrastructure.GuardedDelivery;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.PraveshConfig;
import in.pravesh.platform.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends one message now and records it (kind, channel, recipient, state, provider id, attempts).
 * The provider call is guarded ({@link GuardedDelivery}); a message the provider cannot take now is
 * parked (QUEUED) and tried again with back-off, except a login code, which is useless later: its
 * request is answered 503 try-again. A global cap on messages per hour, counted in the database so
 * that it holds for the whole cluster, stops sending and raises an alert (log, metric, health).
 */
@Stateless
public class MessageSender {

  private static final Logger LOG = Logger.getLogger(MessageSender.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject PraveshConfig config;
  @Inject DevOutboxNotifier outbox;
  @Inject Instance<Notifier> notifiers;
  @Inject GuardedDelivery guarded;
  @Inject MeterRegistry metrics;

  @Inject
  @ConfigProperty(name = "ticketing.messages.max-per-hour", defaultValue = "5000")
  long maxPerHour;

  @Inject
  @ConfigProperty(name = "ticketing.dev.twilio-prefixes", defaultValue = " ")
  String devTwilioPrefixes;

  /** What happened to a message. */
  public record Sent(UUID id, Message.State state) {}

  public Sent send(OutgoingMessage message) {
    return send(message, null);
  }

  /** Sends a message that belongs to a registration (tickets). */
  public Sent send(OutgoingMessage message, UUID registrationId) {
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
              + " not sent. Raise TICKETING_MESSAGES_MAX_PER_HOUR if this is real demand.");
      throw new BusinessException(
          ProblemType.TRY_AGAIN, "We cannot send messages right now; try again later");
    }
    Notifier notifier = notifier(message.to());
    // Only the development outbox, which exists only in development mode, keeps a secret: it is
    // how a developer reads a login code. Every other row keeps the secret masked.
    boolean keepSecret = notifier == outbox;
    Message row =
        new Message(
            message.kind(),
            message.channel().wireName(),
            message.to(),
            keepSecret ? message.body() : message.recordedBody(),
            message.mediaUrl(),
            notifier.name(),
            now);
    row.belongsTo(registrationId);
    row.template(
        message.contentSid(),
        variables(keepSecret ? message.contentVariables() : message.recordedVariables()));
    em.persist(row);
    attempt(row, message, notifier);
    if (message.secretive() && row.state() != Message.State.SENT) {
      throw new BusinessException(
          ProblemType.TRY_AGAIN, "We could not send the code just now; try again in a minute");
    }
    return new Sent(row.id(), row.state());
  }

  /** Tries the parked messages whose time has come (called by {@code ParkedMessages}). */
  public List<UUID> dueForRetry(int limit) {
    @SuppressWarnings("unchecked")
    List<UUID> ids =
        em.createNativeQuery(
                "select id from message where state = 'QUEUED' and next_attempt_at <= now()"
                    + " order by next_attempt_at limit ?1")
            .setParameter(1, limit)
            .getResultList();
    return ids;
  }

  /** One parked message, in a transaction of its own; skipped if another node has it. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void retry(UUID id) {
    List<?> locked =
        em.createNativeQuery(
                "select id from message where id = ?1 and state = 'QUEUED' for update skip locked")
            .setParameter(1, id)
            .getResultList();
    if (locked.isEmpty()) {
      return;
    }
    Message row = em.find(Message.class, id);
    OutgoingMessage message =
        new OutgoingMessage(
            row.kind(),
            OutgoingMessage.Channel.valueOf(row.channel().toUpperCase(java.util.Locale.ROOT)),
            row.recipient(),
            row.body(),
            row.mediaUrl(),
            row.contentSid(),
            parse(row.contentVariables()));
    attempt(row, message, notifier(row.recipient()));
  }

  private void attempt(Message row, OutgoingMessage message, Notifier notifier) {
    try {
      // The outbox is a row in our own database: only a real provider needs the guard.
      Notifier.Delivery delivery =
          notifier == outbox ? outbox.send(message) : guarded.send(notifier, message);
      row.sent(delivery.providerId(), clock.instant());
      metrics.counter("pravesh_messages_sent", "kind", message.kind()).increment();
    } catch (MessageRefusedException e) {
      row.failed(clock.instant());
      metrics.counter("pravesh_messages_failed", "kind", message.kind()).increment();
      LOG.log(Level.WARNING, "Message " + row.id() + " refused: " + e.getMessage());
    } catch (RuntimeException e) {
      if (message.secretive()) {
        // A login code is useless later, and its record is masked: the caller is told to retry.
        row.failed(clock.instant());
        metrics.counter("pravesh_messages_failed", "kind", message.kind()).increment();
        LOG.log(Level.WARNING, "Message " + row.id() + " not sent: " + e);
        return;
      }
      // Outage, timeout, open circuit, full bulkhead: park it, never lose it.
      Duration backoff = Duration.ofSeconds(Math.min(600, 15L << Math.min(row.attempts(), 5)));
      Instant now = clock.instant();
      row.park(e.toString(), now, now.plus(backoff));
      metrics.counter("pravesh_messages_parked", "kind", message.kind()).increment();
      LOG.log(
          Level.WARNING, "Message " + row.id() + " parked until " + now.plus(backoff) + ": " + e);
    }
  }

  /**
   * The outbox in development mode, except for numbers that start with one of {@code
   * ticketing.dev.twilio-prefixes} (a developer's own phone, or the tests' Twilio stand-in).
   */
  private Notifier notifier(String recipient) {
    if (config.devMode()
        && java.util.Arrays.stream(devTwilioPrefixes.split(","))
            .map(String::strip)
            .noneMatch(prefix -> !prefix.isEmpty() && recipient.startsWith(prefix))) {
      return outbox;
    }
    return notifiers.stream()
        .filter(n -> !(n instanceof DevOutboxNotifier))
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("no message provider outside development mode"));
  }

  private static String variables(Map<String, String> variables) {
    try {
      return variables == null || variables.isEmpty() ? null : JSON.writeValueAsString(variables);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> parse(String json) {
    try {
      return json == null ? Map.of() : JSON.readValue(json, Map.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
