package in.pravesh.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether the job queues are bridged to Amazon SQS, and how (README, "Jobs through Amazon SQS").
 * The bridge is on when both queue names are set; with neither, Artemis alone carries the jobs;
 * with one only, the application refuses to start (a half-bridged cluster would strand jobs).
 */
@ApplicationScoped
public class SqsBridgeSettings {

  @Inject
  @ConfigProperty(name = "ticketing.sqs.ticket-queue")
  Optional<String> ticketQueue;

  @Inject
  @ConfigProperty(name = "ticketing.sqs.notification-queue")
  Optional<String> notificationQueue;

  /** Jobs leave through SQS: both queue names are set (and not blank). */
  public boolean enabled() {
    boolean tickets = ticketQueue.filter(name -> !name.isBlank()).isPresent();
    boolean notifications = notificationQueue.filter(name -> !name.isBlank()).isPresent();
    if (tickets != notifications) {
      throw new IllegalStateException(
          "Set both TICKETING_SQS_TICKET_QUEUE and TICKETING_SQS_NOTIFICATION_QUEUE, or neither");
    }
    return tickets;
  }

  /** The SQS queue name of {@code job_outbox.queue} {@code tickets} or {@code notifications}. */
  public String queueName(String outboxQueue) {
    return (JobRelay.TICKETS.equals(outboxQueue) ? ticketQueue : notificationQueue).orElseThrow();
  }
}
