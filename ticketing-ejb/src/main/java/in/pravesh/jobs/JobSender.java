package in.pravesh.jobs;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import java.util.Map;
import java.util.UUID;

/**
 * Puts a job on a queue inside the caller's transaction ({@code java:/JmsXA}, XA with the
 * database): the job is there if and only if the caller's rows are committed.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class JobSender {

  /** Message property: the job's own id, for deduplication by idempotent handlers. */
  public static final String JOB_ID = "jobId";

  /** JMS priority of broadcast jobs (the default, 4, is the tickets'). */
  static final int BROADCAST_PRIORITY = 2;

  /** The job id prefix of a broadcast's message to one registrant. */
  public static final String BROADCAST_JOB = "broadcast:";

  @Resource(lookup = "java:/JmsXA")
  ConnectionFactory connectionFactory;

  @Resource(lookup = JobQueues.TICKET_JOBS)
  Queue ticketJobs;

  @Resource(lookup = JobQueues.NOTIFICATION_JOBS)
  Queue notificationJobs;

  /** A {@code ticket.issue} job: make the ticket of this registration. */
  public void issueTicket(UUID registrationId) {
    send(ticketJobs, registrationId.toString(), Map.of("kind", "ticket.issue"));
  }

  /**
   * A {@code whatsapp.register} job: make the registration a WhatsApp conversation confirmed (its
   * submission). Its job id names the submission.
   */
  public void registerFromWhatsApp(UUID submissionId) {
    send(
        ticketJobs,
        submissionId.toString(),
        Map.of("kind", "whatsapp.register"),
        "whatsapp.register:" + submissionId);
  }

  /** A {@code whatsapp.reply} job: tell the person why their confirmed registration was refused. */
  public void whatsappReply(UUID submissionId) {
    send(
        notificationJobs,
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
        notificationJobs,
        registrationId.toString(),
        Map.of("kind", "broadcast", "broadcastId", broadcastId.toString()),
        BROADCAST_JOB + broadcastId + ":" + registrationId);
  }

  /** The SMS that replaces a WhatsApp broadcast message that failed, once per failed message. */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public void broadcastSmsFallback(UUID broadcastId, UUID registrationId, UUID failedMessageId) {
    send(
        notificationJobs,
        registrationId.toString(),
        Map.of("kind", "broadcast", "broadcastId", broadcastId.toString(), "channel", "sms"),
        "sms-fallback:" + failedMessageId);
  }

  private void notifyTicket(UUID registrationId, String channel, String jobId) {
    send(
        notificationJobs,
        registrationId.toString(),
        Map.of("kind", "notify", "channel", channel),
        jobId);
  }

  private void send(Queue queue, String body, Map<String, String> properties) {
    send(queue, body, properties, UUID.randomUUID().toString());
  }

  private void send(Queue queue, String body, Map<String, String> properties, String jobId) {
    try (JMSContext context = connectionFactory.createContext()) {
      var producer = context.createProducer().setProperty(JOB_ID, jobId);
      if ("broadcast".equals(properties.get("kind"))) {
        // Behind tickets on the shared queue: a broadcast to thousands must not hold up the
        // ticket a walk-in is waiting for at a desk.
        producer.setPriority(BROADCAST_PRIORITY);
      }
      properties.forEach(producer::setProperty);
      producer.send(queue, body);
    }
  }
}
