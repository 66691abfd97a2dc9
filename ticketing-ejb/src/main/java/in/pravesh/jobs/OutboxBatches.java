package in.pravesh.jobs;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * One batch of the outbox relayed: the oldest rows no other node holds, ticket jobs before
 * broadcasts (by JMS priority, as the queues order them), locked, sent to their queues and deleted
 * in one XA transaction (the database and the broker), so each job leaves the table exactly when it
 * enters its queue. With the SQS bridge on, that queue is SqsOutbound for every job, marked with
 * the job queue it belongs to; the bridge takes it from there.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OutboxBatches {

  /** JPA's lock timeout hint: -2 is SKIP LOCKED in Hibernate. */
  private static final int SKIP_LOCKED = -2;

  @PersistenceContext EntityManager em;

  @Resource(lookup = "java:/JmsXA")
  ConnectionFactory connectionFactory;

  @Resource(lookup = JobQueues.TICKET_JOBS)
  Queue ticketJobs;

  @Resource(lookup = JobQueues.NOTIFICATION_JOBS)
  Queue notificationJobs;

  @Resource(lookup = JobQueues.SQS_OUTBOUND)
  Queue sqsOutbound;

  @Inject SqsBridgeSettings bridge;

  /**
   * Relays up to {@code max} jobs, of those made before {@code madeBefore} if it is not null;
   * returns how many.
   */
  public int relay(int max, Instant madeBefore) {
    var query =
        madeBefore == null
            ? em.createQuery(
                "select j from OutboxJob j order by j.priority desc, j.id", OutboxJob.class)
            : em.createQuery(
                    "select j from OutboxJob j where j.createdAt < :before"
                        + " order by j.priority desc, j.id",
                    OutboxJob.class)
                .setParameter("before", madeBefore);
    List<OutboxJob> jobs =
        query
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .setHint("jakarta.persistence.lock.timeout", SKIP_LOCKED)
            .setMaxResults(max)
            .getResultList();
    if (jobs.isEmpty()) {
      return 0;
    }
    boolean bridged = bridge.enabled();
    try (JMSContext context = connectionFactory.createContext()) {
      for (OutboxJob job : jobs) {
        JMSProducer producer =
            context
                .createProducer()
                .setProperty(JobSender.JOB_ID, job.jobId())
                .setPriority(job.priority());
        job.properties().forEach(producer::setProperty);
        Queue target;
        if (bridged) {
          producer.setProperty(JobSender.JOB_QUEUE, job.queue());
          target = sqsOutbound;
        } else {
          target = JobRelay.TICKETS.equals(job.queue()) ? ticketJobs : notificationJobs;
        }
        producer.send(target, job.body());
        em.remove(job);
      }
    }
    return jobs.size();
  }
}
