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
        "broadcast:" + broadcastId + ":" + registrationId);
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
      properties.forEach(producer::setProperty);
      producer.send(queue, body);
    }
  }
}
