package in.pravesh.jobs;

import in.pravesh.platform.AfterCommit;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Makes a job inside the caller's transaction: a row of {@code job_outbox}, written with the
 * caller's rows and committed with them in one local commit, so the job exists if and only if they
 * do. {@link JobRelay} moves it to its JMS queue once the transaction has committed.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class JobSender {

  /** Message property: the job's own id, for deduplication by idempotent handlers. */
  public static final String JOB_ID = "jobId";

  /**
   * Message property of a job on its way to SQS: the job queue it belongs to, {@link
   * JobRelay#TICKETS} or {@link JobRelay#NOTIFICATIONS}.
   */
  public static final String JOB_QUEUE = "jobQueue";

  /** JMS priority of broadcast jobs (the default, 4, is the tickets'). */
  static final int BROADCAST_PRIORITY = 2;

  /** The job id prefix of a broadcast's message to one registrant. */
  public static final String BROADCAST_JOB = "broadcast:";

  /** JMS priority of every other job. */
  static final int DEFAULT_PRIORITY = 4;

  @PersistenceContext EntityManager em;
  @Inject AfterCommit afterCommit;
  @Inject JobRelay relay;
  @Inject Clock clock;

  /** A {@code ticket.issue} job: make the ticket of this registration. */
  public void issueTicket(UUID registrationId) {
    send(JobRelay.TICKETS, registrationId.toString(), Map.of("kind", "ticket.issue"));
  }

  /**
   * A {@code whatsapp.register} job: make the registration a WhatsApp conversation confirmed (its
   * submission). Its job id names the submission.
   */
  public void registerFromWhatsApp(UUID submissionId) {
    send(
        JobRelay.TICKETS,
        submissionId.toString(),
        Map.of("kind", "whatsapp.register"),
        "whatsapp.register:" + submissionId);
  }

  /** A {@code whatsapp.reply} job: tell the person why their confirmed registration was refused. */
  public void whatsappReply(UUID submissionId) {
    send(
        JobRelay.NOTIFICATIONS,
        submissionId.toString(),
        Map.of("kind", "whatsapp.reply"),
        "whatsapp.reply:" + submissionId);
  }

  /** A {@code notify} job: send this registration's ticket on a channel (sms, whatsapp). */
  public void notifyTicket(UUID registrationId, String channel) {
    notifyTicket(registrationId, channel, UUID.randomUUID().toString());
  }

  /**
   * The SMS that replaces a WhatsApp ticket message that failed: one per failed message, however
   * often the failure is reported (its job id is derived from the message). In the caller's
   * transaction if there is one.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public void smsFallback(UUID registrationId, UUID failedMessageId) {
    notifyTicket(registrationId, "sms", "sms-fallback:" + failedMessageId);
  }

  /**
   * A {@code broadcast} job: send a broadcast to one registrant. Its job id names both, so the
   * message goes once however often the job is delivered.
   */
  public void notifyBroadcast(UUID broadcastId, UUID registrationId) {
    send(
        JobRelay.NOTIFICATIONS,
        registrationId.toString(),
        Map.of("kind", "broadcast", "broadcastId", broadcastId.toString()),
        BROADCAST_JOB + broadcastId + ":" + registrationId);
  }

  /** The SMS that replaces a WhatsApp broadcast message that failed, once per failed message. */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public void broadcastSmsFallback(UUID broadcastId, UUID registrationId, UUID failedMessageId) {
    send(
        JobRelay.NOTIFICATIONS,
        registrationId.toString(),
        Map.of("kind", "broadcast", "broadcastId", broadcastId.toString(), "channel", "sms"),
        "sms-fallback:" + failedMessageId);
  }

  private void notifyTicket(UUID registrationId, String channel, String jobId) {
    send(
        JobRelay.NOTIFICATIONS,
        registrationId.toString(),
        Map.of("kind", "notify", "channel", channel),
        jobId);
  }

  private void send(String queue, String body, Map<String, String> properties) {
    send(queue, body, properties, UUID.randomUUID().toString());
  }

  private void send(String queue, String body, Map<String, String> properties, String jobId) {
    // Behind tickets on the shared queue: a broadcast to thousands must not hold up the ticket a
    // walk-in is waiting for at a desk.
    int priority =
        "broadcast".equals(properties.get("kind")) ? BROADCAST_PRIORITY : DEFAULT_PRIORITY;
    em.persist(new OutboxJob(queue, jobId, body, properties, priority, clock.instant()));
    afterCommit.runOnce(JobRelay.class, relay::wake);
  }
}
