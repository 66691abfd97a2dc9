package in.pravesh.jobs;

import in.pravesh.platform.Counters;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
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
import java.util.LinkedHashMap;
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

  @Inject SqsBridgeSettings settings;
  @Inject SqsGateway sqs;
  @Inject Counters counters;

  @Inject
  @ConfigProperty(name = "ticketing.sqs.relays", defaultValue = "2")
  int relays;

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
    for (int i = 0; i < relays; i++) {
      Thread loop = threads.newThread(this::relay);
      loop.setName("sqs-relay-" + i);
      loop.start();
      loops.add(loop);
    }
    LOG.info(() -> "SQS bridge on: relaying jobs with " + relays + " loops");
  }

  @PreDestroy
  void stop() {
    running = false;
    for (Thread loop : loops) {
      try {
        loop.join(MAX_PAUSE_MILLIS + 5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void relay() {
    while (running) {
      try (JMSContext context = connectionFactory.createContext(JMSContext.SESSION_TRANSACTED);
          JMSConsumer consumer = context.createConsumer(outbound)) {
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
            if (forward(batch)) {
              context.commit();
            } else {
              // Stopping before SQS took them: they stay in Artemis for the next start.
              context.rollback();
            }
          } finally {
            inHand.remove(Thread.currentThread());
          }
        }
      } catch (RuntimeException | JMSException e) {
        LOG.log(Level.WARNING, "SQS relay loop failed; starting it again", e);
        pause(1_000);
      }
    }
  }

  /** The send times of the jobs this node's loops hold while SQS has not taken them. */
  public List<Long> inHand() {
    return inHand.values().stream().flatMap(List::stream).toList();
  }

  /** Sends the batch, by SQS queue; true once SQS took all of it, false if stopped first. */
  private boolean forward(List<Message> batch) throws JMSException {
    Map<String, List<Job>> byQueue = new LinkedHashMap<>();
    for (Message message : batch) {
      String queue =
          JobRelay.NOTIFICATIONS.equals(message.getStringProperty(JobSender.JOB_QUEUE))
              ? JobRelay.NOTIFICATIONS
              : JobRelay.TICKETS;
      byQueue.computeIfAbsent(queue, q -> new ArrayList<>()).add(JmsJobs.read(queue, message));
    }
    for (var queue : byQueue.entrySet()) {
      long pause = 250;
      while (true) {
        try {
          sqs.send(sqs.queueUrl(queue.getKey()), queue.getValue(), "");
          counters
              .get("pravesh_jobs_bridge_relayed", "queue", queue.getKey())
              .increment(queue.getValue().size());
          break;
        } catch (RuntimeException e) {
          counters.increment("pravesh_jobs_bridge_send_failures", "queue", queue.getKey());
          // Once per batch, not per attempt: an outage would flood the log.
          LOG.log(
              pause == 250 ? Level.WARNING : Level.FINE,
              "SQS did not take "
                  + queue.getValue().size()
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
    return true;
  }

  private void pause(long millis) {
    long until = System.currentTimeMillis() + millis;
    while (running && System.currentTimeMillis() < until) {
      try {
        Thread.sleep(Math.min(250, millis));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
  }
}
