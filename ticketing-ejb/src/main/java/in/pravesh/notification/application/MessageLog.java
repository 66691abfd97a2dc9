package in.pravesh.notification.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import in.pravesh.notification.domain.Message;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.Counters;
import in.pravesh.platform.ProblemType;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The message rows, each change in a short transaction of its own, so that {@link MessageSender}
 * records a message and commits before it calls the provider, and holds no transaction (nor
 * database connection) during the call.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class MessageLog {

  private static final Logger LOG = Logger.getLogger(MessageLog.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * How long a message whose outcome is unknown (a timeout, a crash mid-send) waits for the
   * provider's delivery report before it is sent again: a report means the provider has it.
   */
  static final Duration REPORT_WAIT = Duration.ofMinutes(10);

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject Counters counters;

  @Inject MessageBudgets budgets;
  @Inject SmsFallback fallback;

  /** A recorded message, and whether it may be sent now (within its hourly budget). */
  public record Recorded(UUID id, boolean sendNow) {}

  /**
   * Records a message about to be sent, or nothing when the job {@code jobId} recorded its message
   * already (a job delivered again). A message that carries no secret is due again after {@link
   * #REPORT_WAIT} until its outcome is recorded, so a crash mid-send loses nothing; one over its
   * hourly budget waits for the next hour. A login code over budget is refused (503 try-again).
   */
  public Optional<Recorded> record(
      OutgoingMessage message,
      String provider,
      boolean keepSecret,
      UUID registrationId,
      String jobId) {
    if (jobId != null
        && !em.createNativeQuery("select 1 from message where job_id = ?1")
            .setParameter(1, jobId)
            .getResultList()
            .isEmpty()) {
      LOG.info(() -> "Job " + jobId + " was handled already: its message is not sent again");
      return Optional.empty();
    }
    Instant now = clock.instant();
    MessageBudgets.Budget budget = MessageBudgets.Budget.of(message.kind());
    boolean withinBudget = budgets.take(budget, now);
    if (!withinBudget) {
      overBudget(budget, message);
      if (message.secretive()) {
        throw new BusinessException(
            ProblemType.TRY_AGAIN, "We cannot send login codes right now; try again later");
      }
    }
    Message row =
        new Message(
            message.kind(),
            message.channel().wireName(),
            message.to(),
            keepSecret ? message.body() : message.recordedBody(),
            message.mediaUrl(),
            provider,
            now);
    row.belongsTo(registrationId);
    row.template(
        message.contentSid(),
        variables(keepSecret ? message.contentVariables() : message.recordedVariables()));
    row.fromJob(jobId, message.secretive() ? null : now.plus(REPORT_WAIT));
    if (!withinBudget) {
      row.waitFor(
          "over the " + budget.key() + " budget of this hour", MessageBudgets.nextHour(now));
    }
    em.persist(row);
    return Optional.of(new Recorded(row.id(), withinBudget));
  }

  /** The provider took it. */
  public void sent(UUID id, String providerId) {
    locked(id).sent(providerId, clock.instant());
  }

  /** The provider refused it for good. */
  public void failed(UUID id) {
    Message row = locked(id);
    boolean wasFailed = row.state() == Message.State.FAILED;
    row.failed(clock.instant());
    fallback.afterChange(row, wasFailed);
  }

  /**
   * Not to be sent after all (a broadcast to a number that sent STOP while it waited): failed, with
   * no SMS in its place.
   */
  public void withdrawn(UUID id) {
    locked(id).failed(clock.instant());
  }

  /** The provider could not take it now: tried again with back-off. */
  public void park(UUID id, String error) {
    Message row = locked(id);
    Instant now = clock.instant();
    Duration backoff = Duration.ofSeconds(Math.min(600, 15L << Math.min(row.attempts(), 5)));
    row.park(error, now, now.plus(backoff));
  }

  /**
   * The provider may have taken it (a timeout): never sent again blindly. Its delivery report will
   * say; without one, it is due after {@link #REPORT_WAIT} (never, for a message with a secret).
   */
  public void uncertain(UUID id, String error, boolean secretive) {
    Instant now = clock.instant();
    locked(id).park("outcome unknown: " + error, now, secretive ? null : now.plus(REPORT_WAIT));
  }

  /** Erasure: the messages sent to this phone go, in the caller's transaction. */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void forgetRecipient(String phone) {
    em.createNativeQuery("delete from message where recipient = ?1")
        .setParameter(1, phone)
        .executeUpdate();
  }

  /** Ids of parked messages that are due. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<UUID> due(int limit) {
    @SuppressWarnings("unchecked")
    List<UUID> ids =
        em.createNativeQuery(
                "select id from message where state = 'QUEUED' and next_attempt_at <= now()"
                    + " order by next_attempt_at limit ?1")
            .setParameter(1, limit)
            .getResultList();
    return ids;
  }

  /**
   * Claims a due message for one attempt (one node wins; the claim also makes it due again later,
   * should this node die mid-send), and returns it as it is to be sent again.
   */
  public Optional<OutgoingMessage> claim(UUID id) {
    Instant now = clock.instant();
    int claimed =
        em.createNativeQuery(
                "update message set next_attempt_at = ?2, version = version + 1 where id = ?1"
                    + " and state = 'QUEUED' and next_attempt_at <= ?3")
            .setParameter(1, id)
            .setParameter(2, Timestamp.from(now.plus(REPORT_WAIT)))
            .setParameter(3, Timestamp.from(now))
            .executeUpdate();
    if (claimed == 0) {
      return Optional.empty();
    }
    Message row = em.find(Message.class, id);
    MessageBudgets.Budget budget = MessageBudgets.Budget.of(row.kind());
    if (!budgets.take(budget, now)) {
      row.waitFor(
          "over the " + budget.key() + " budget of this hour", MessageBudgets.nextHour(now));
      return Optional.empty();
    }
    return Optional.of(
        new OutgoingMessage(
            row.kind(),
            OutgoingMessage.Channel.valueOf(row.channel().toUpperCase(Locale.ROOT)),
            row.recipient(),
            row.body(),
            row.mediaUrl(),
            row.contentSid(),
            parse(row.contentVariables())));
  }

  private Message locked(UUID id) {
    return em.find(Message.class, id, LockModeType.PESSIMISTIC_WRITE);
  }

  private void overBudget(MessageBudgets.Budget budget, OutgoingMessage message) {
    counters.increment("pravesh_messages_refused_by_cap", "budget", budget.key());
    LOG.severe(
        "ALERT: the "
            + budget.key()
            + " budget of messages for this hour is used up; "
            + message.kind()
            + (message.secretive() ? " refused." : " waits for the next hour.")
            + " Raise TICKETING_MESSAGES_"
            + budget.key().toUpperCase(Locale.ROOT)
            + (budget == MessageBudgets.Budget.LOGIN ? "" : "S")
            + "_PER_HOUR if this is real demand.");
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
