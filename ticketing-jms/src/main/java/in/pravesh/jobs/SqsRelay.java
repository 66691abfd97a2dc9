package in.pravesh.jobs;

import in.pravesh.platform.Counters;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The bridge's first half: moves jobs from Artemis's SqsOutbound queue to their SQS queues, at
 * least once. Each loop takes up to ten jobs in a local JMS transaction, sends them to SQS, and
 * commits (acknowledges) only after SQS has accepted them; while SQS cannot be reached it keeps the
 * jobs in hand and tries again with a growing pause, so the rest wait in Artemis, in order, and are
 * never dead-lettered there. A crash between SQS's acceptance and the commit sends those jobs
 * again: FIFO queues drop them by job id, and the handlers deduplicate on standard queues.
 */
@Singleton
@Startup
@DependsOn("ticketing-ejb.jar#SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SqsRelay {

  private static final Logger LOG = Logger.getLogger(SqsRelay.class.getName());
  private static final long MAX_PAUSE_MILLIS = 15_000;

  @Resource ManagedThreadFactory threads;

  @Resource(lookup = "java:/jms/SqsRelayConnectionFactory")
  ConnectionFactory connectionFactory;

  @Resource(lookup = JobQueues.SQS_OUTBOUND)
  Queue outbound;

  @Resource(lookup = JobQueues.DEAD_JOBS)
  Queue deadJobs;

  @Inject SqsBridgeSettings settings;
  @Inject SqsGateway sqs;
  @Inject Counters counters;

  @Inject
  @ConfigProperty(name = "ticketing.sqs.relays", defaultValue = "2")
  int relays; // per job queue

  private volatile boolean running;
  private final List<Thread> loops = new ArrayList<>();

  /**
   * The batches in hand (taken from Artemis, not yet accepted by SQS): per loop, their jobs' times.
   */
  private final Map<Thread, List<Long>> inHand = new ConcurrentHashMap<>();

  @PostConstruct
  void start() {
    if (!settings.enabled()) {
      return;
    }
    running = true;
    // Loops of their own per queue: one queue's trouble does not hold up the other's jobs.
    for (String queue : List.of(JobRelay.TICKETS, JobRelay.NOTIFICATIONS)) {
      for (int i = 0; i < relays; i++) {
        Thread loop = threads.newThread(() -> relay(queue));
        loop.setName("sqs-relay-" + queue + "-" + i);
        loop.start();
        loops.add(loop);
      }
    }
    LOG.info(() -> "SQS bridge on: " + relays + " relay loops per job queue");
  }

  @PreDestroy
  void stop() {
    running = false;
    Loops.joinAll(loops, MAX_PAUSE_MILLIS + 5_000);
  }

  private void relay(String queue) {
    while (running) {
      try (JMSContext context = connectionFactory.createContext(JMSContext.SESSION_TRANSACTED);
          JMSConsumer consumer =
              context.createConsumer(outbound, JobSender.JOB_QUEUE + " = '" + queue + "'")) {
        while (running) {
          Message first = consumer.receive(1_000);
          if (first == null) {
            continue;
          }
          List<Message> batch = new ArrayList<>(List.of(first));
          while (batch.size() < SqsGateway.MAX_BATCH) {
            Message next = consumer.receiveNoWait();
            if (next == null) {
              break;
            }
            batch.add(next);
          }
          List<Long> times = new ArrayList<>();
          for (Message message : batch) {
            times.add(message.getJMSTimestamp());
          }
          inHand.put(Thread.currentThread(), times);
          try {
            if (forward(context, queue, batch)) {
              context.commit();
            } else {
              // Stopping before SQS took them: they stay in Artemis for the next start.
              context.rollback();
            }
          } finally {
            inHand.remove(Thread.currentThread());
          }
        }
      } catch (Throwable e) { // NOPMD: an Error too must not end the loop for good
        LOG.log(Level.WARNING, "SQS relay loop (" + queue + ") failed; starting it again", e);
        pause(1_000);
      }
    }
  }

  /** The send times of the jobs this node's loops hold while SQS has not taken them. */
  public List<Long> inHand() {
    return inHand.values().stream().flatMap(List::stream).toList();
  }

  /**
   * Sends the batch until SQS took every job, or refused some for good (those are parked in
   * DeadJobs, in the same local transaction); true once done, false if stopped first.
   */
  private boolean forward(JMSContext context, String queue, List<Message> batch)
      throws JMSException {
    List<Message> left = new ArrayList<>(batch);
    long pause = 250;
    while (true) {
      try {
        List<Job> jobs = new ArrayList<>();
        for (Message message : left) {
          jobs.add(JmsJobs.read(queue, message));
        }
        List<Integer> refused = sqs.send(sqs.queueUrl(queue), jobs, "");
        counters
            .get("pravesh_jobs_bridge_relayed", "queue", queue)
            .increment(jobs.size() - refused.size());
        for (int index : refused) {
          park(context, left.get(index));
        }
        return true;
      } catch (RuntimeException e) {
        counters.increment("pravesh_jobs_bridge_send_failures", "queue", queue);
        // Once per batch, not per attempt: an outage would flood the log.
        LOG.log(
            pause == 250 ? Level.WARNING : Level.FINE,
            "SQS did not take "
                + left.size()
                + " "
                + queue
                + " jobs ("
                + e.getMessage()
                + "); they wait in Artemis and are tried again");
        if (!running) {
          return false;
        }
        pause(pause);
        pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
      }
    }
  }

  /** A job SQS refused for good (the request's fault): parked in DeadJobs for the admin. */
  private void park(JMSContext context, Message message) throws JMSException {
    LOG.severe(
        () -> {
          try {
            return "SQS refused job " + message.getStringProperty(JobSender.JOB_ID) + " for good";
          } catch (JMSException e) {
            return "SQS refused a job for good";
          }
        });
    var producer = context.createProducer();
    for (String name : Job.PROPERTIES) {
      if (message.propertyExists(name)) {
        producer.setProperty(name, message.getStringProperty(name));
      }
    }
    producer
        .setProperty(JobSender.JOB_ID, message.getStringProperty(JobSender.JOB_ID))
        .setProperty(JobSender.JOB_QUEUE, message.getStringProperty(JobSender.JOB_QUEUE))
        .send(deadJobs, message.getBody(String.class));
    counters.increment(
        "pravesh_jobs_bridge_dead_lettered",
        "queue",
        message.getStringProperty(JobSender.JOB_QUEUE));
  }

  private void pause(long millis) {
    if (!Loops.sleepWhile(() -> running, millis)) {
      running = false;
    }
  }
}
