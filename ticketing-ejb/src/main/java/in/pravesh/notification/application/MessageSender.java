package in.pravesh.notification.application;

import in.pravesh.notification.domain.Message;
import in.pravesh.notification.infrastructure.DevOutboxNotifier;
import in.pravesh.notification.infrastructure.GuardedDelivery;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.Counters;
import in.pravesh.platform.PraveshConfig;
import in.pravesh.platform.ProblemType;
import in.pravesh.platform.Redaction;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Sends one message: records it and commits ({@link MessageLog}), calls the provider outside any
 * transaction, then records what happened. The provider call is guarded ({@link GuardedDelivery});
 * a message the provider could not take is parked and tried again with back-off; one it may have
 * taken (a timeout) is never sent again blindly: its delivery report decides. A login code is
 * useless later: its request is answered 503 try-again instead. A job's message is sent once,
 * however often the job is delivered. A global cap on messages per hour, counted in the database so
 * that it holds for the whole cluster, stops sending and raises an alert (log, metric, health).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MessageSender {

  private static final Logger LOG = Logger.getLogger(MessageSender.class.getName());

  @Inject MessageLog log;
  @Inject PraveshConfig config;
  @Inject DevOutboxNotifier outbox;
  @Inject Instance<Notifier> notifiers;
  @Inject GuardedDelivery guarded;
  @Inject Counters counters;
  @Inject WhatsAppContacts contacts;

  /** The messages we start unasked, which a number that sent STOP does not get (on any channel). */
  static final java.util.Set<String> UNASKED = java.util.Set.of("broadcast", "reminder");

  @Inject
  @ConfigProperty(name = "ticketing.dev.twilio-prefixes", defaultValue = " ")
  String devTwilioPrefixes;

  /** What happened to a message. */
  public record Sent(UUID id, Message.State state) {}

  /** Sends a message that belongs to no job (a login code). */
  public Sent send(OutgoingMessage message) {
    return send(message, null, null).orElseThrow();
  }

  /**
   * Sends a message of the job {@code jobId} (tickets), once: empty when the job's message was
   * recorded already, or when it is one we start unasked (a broadcast) and the number opted out.
   */
  public Optional<Sent> send(OutgoingMessage message, UUID registrationId, String jobId) {
    if (UNASKED.contains(message.kind()) && contacts.optedOut(message.to())) {
      counters.increment("pravesh_messages_opted_out", "kind", message.kind());
      return Optional.empty();
    }
    Notifier notifier = notifier(message.to());
    // Only the development outbox, which exists only in development mode, keeps a secret: it is
    // how a developer reads a login code. Every other row keeps the secret masked.
    Optional<MessageLog.Recorded> recorded =
        log.record(message, notifier.name(), notifier == outbox, registrationId, jobId);
    if (recorded.isEmpty()) {
      return Optional.empty();
    }
    UUID id = recorded.get().id();
    Message.State state =
        recorded.get().sendNow() ? attempt(id, message, notifier) : Message.State.QUEUED;
    if (message.secretive() && state != Message.State.SENT) {
      throw new BusinessException(
          ProblemType.TRY_AGAIN, "We could not send the code just now; try again in a minute");
    }
    return Optional.of(new Sent(id, state));
  }

  /** Ids of the parked messages whose time has come (for {@code ParkedMessages}). */
  public List<UUID> dueForRetry(int limit) {
    return log.due(limit);
  }

  /** One parked message, unless another node claimed it first. */
  public void retry(UUID id) {
    log.claim(id)
        .ifPresent(
            message -> {
              if (UNASKED.contains(message.kind()) && contacts.optedOut(message.to())) {
                // Parked before the number sent STOP: it does not go now.
                log.withdrawn(id);
                return;
              }
              attempt(id, message, notifier(message.to()));
            });
  }

  private Message.State attempt(UUID id, OutgoingMessage message, Notifier notifier) {
    Notifier.Delivery delivery;
    try {
      // The outbox is a row in our own database: only a real provider needs the guard.
      delivery =
          notifier == outbox ? outbox.send(message, id) : guarded.send(notifier, message, id);
    } catch (MessageRefusedException e) {
      log.failed(id);
      counters.increment("pravesh_messages_failed", "kind", message.kind());
      LOG.log(
          Level.WARNING, "Message " + id + " refused: " + Redaction.phoneNumbers(e.getMessage()));
      return Message.State.FAILED;
    } catch (TimeoutException | DeliveryUncertainException e) {
      String error = Redaction.phoneNumbers(e.toString());
      log.uncertain(id, error, message.secretive());
      counters.increment("pravesh_messages_uncertain", "kind", message.kind());
      LOG.log(Level.WARNING, "Message " + id + ": the provider may have it (" + error + ")");
      return Message.State.QUEUED;
    } catch (RuntimeException e) {
      String error = Redaction.phoneNumbers(e.toString());
      if (message.secretive()) {
        log.failed(id);
        LOG.log(Level.WARNING, "Message " + id + " not sent: " + error);
        return Message.State.FAILED;
      }
      // Outage, open circuit, full bulkhead: park it, never lose it.
      log.park(id, error);
      counters.increment("pravesh_messages_parked", "kind", message.kind());
      LOG.log(Level.WARNING, "Message " + id + " parked: " + error);
      return Message.State.QUEUED;
    }
    // The provider has it. Should recording that fail, the row stays as recorded: due again only
    // after the report wait, and the provider's report (naming our id) settles it first.
    try {
      log.sent(id, delivery.providerId());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Message " + id + " was sent, but that could not be recorded", e);
    }
    counters.increment("pravesh_messages_sent", "kind", message.kind());
    return Message.State.SENT;
  }

  /**
   * The outbox in development mode, except for numbers that start with one of {@code
   * ticketing.dev.twilio-prefixes} (a developer's own phone, or the tests' Twilio stand-in).
   */
  private Notifier notifier(String recipient) {
    if (config.devMode()
        && Arrays.stream(devTwilioPrefixes.split(","))
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
}
