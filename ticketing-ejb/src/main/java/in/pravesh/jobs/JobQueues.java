package in.pravesh.jobs;

/**
 * The job queues that wildfly-config creates (jms-queues.cli), by JNDI name. Each has a dead-letter
 * address, a delivery limit and a redelivery back-off, so that a failing job is retried and then
 * parked, never dropped.
 */
public final class JobQueues {

  /** {@code ticket.issue} jobs: make the ticket for a registration. */
  public static final String TICKET_JOBS = "java:/jms/queue/TicketJobs";

  /** {@code notify} jobs: send a message (ticket, reminder, broadcast). */
  public static final String NOTIFICATION_JOBS = "java:/jms/queue/NotificationJobs";

  /**
   * With the SQS bridge on, every job goes here instead of its job queue, and the bridge moves it
   * to its SQS queue ({@code jobQueue} property: {@code tickets} or {@code notifications}). Never
   * dead-lettered: while SQS is unreachable, jobs wait here.
   */
  public static final String SQS_OUTBOUND = "java:/jms/queue/SqsOutbound";

  /** Where jobs go after their last failed delivery; the admin can list and replay them. */
  public static final String DEAD_JOBS = "java:/jms/queue/DeadJobs";

  private JobQueues() {}
}
