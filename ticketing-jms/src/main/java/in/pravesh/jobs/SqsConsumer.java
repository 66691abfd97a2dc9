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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The bridge's second half: takes jobs from the SQS queues and runs them in the same idempotent
 * handlers as the message-driven beans. Each loop long-polls its queue, runs the jobs it got one
 * after another, and deletes a job only after its handler returned (the handler has committed). A
 * job whose handler failed is hidden for a growing pause (1 s, 2 s, 4 s... at most 5 min) and then
 * received again; after the queue's redrive limit SQS moves it to the dead-letter queue, which the
 * admin lists ({@link SqsDeadLetters}). A job received again while its first receiver still works
 * on it (the visibility timeout ran out) acts once: the handlers deduplicate. On undeploy the loops
 * finish the job in hand, give back the ones not started, and end.
 */
@Singleton
@Startup
@DependsOn("ticketing-ejb.jar#SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SqsConsumer {

  private static final Logger LOG = Logger.getLogger(SqsConsumer.class.getName());
  private static final int MAX_BACKOFF_SECONDS = 300;

  @Resource ManagedThreadFactory threads;
  @Inject SqsBridgeSettings settings;
  @Inject SqsGateway sqs;
  @Inject JobHandlers handlers;
  @Inject Counters counters;

  @Inject
  @ConfigProperty(name = "ticketing.sqs.ticket-consumers", defaultValue = "8")
  int ticketConsumers;

  @Inject
  @ConfigProperty(name = "ticketing.sqs.notification-consumers", defaultValue = "4")
  int notificationConsumers;

  /** How long a received job stays hidden from other consumers: longer than a job may take. */
  @Inject
  @ConfigProperty(name = "ticketing.sqs.visibility-seconds", defaultValue = "420")
  int visibilitySeconds;

  @Inject
  @ConfigProperty(name = "ticketing.sqs.wait-seconds", defaultValue = "20")
  int waitSeconds;

  @Inject
  @ConfigProperty(name = "ticketing.sqs.receive-batch", defaultValue = "10")
  int receiveBatch;

  private volatile boolean running;
  private final List<Thread> loops = new ArrayList<>();

  @PostConstruct
  void start() {
    if (!settings.enabled()) {
      return;
    }
    running = true;
    warnWithoutDeadLetterQueue();
    startLoops(JobRelay.TICKETS, ticketConsumers);
    startLoops(JobRelay.NOTIFICATIONS, notificationConsumers);
  }

  /** A queue without a redrive policy retries a job that always fails forever, unseen. */
  private void warnWithoutDeadLetterQueue() {
    for (String queue : List.of(JobRelay.TICKETS, JobRelay.NOTIFICATIONS)) {
      try {
        if (sqs.deadLetter(queue).isEmpty()) {
          LOG.severe(
              () ->
                  "SQS queue "
                      + settings.queueName(queue)
                      + " has no redrive policy: a job that always fails is retried forever and"
                      + " the admin never sees it. Give it a dead-letter queue.");
        }
      } catch (RuntimeException e) {
        // Unreachable at start: the loops back off until it answers.
      }
    }
  }

  private void startLoops(String queue, int count) {
    for (int i = 0; i < count; i++) {
      Thread loop = threads.newThread(() -> consume(queue));
      loop.setName("sqs-" + queue + "-" + i);
      loop.start();
      loops.add(loop);
    }
  }

  @PreDestroy
  void stop() {
    running = false;
    Loops.joinAll(loops, (waitSeconds + 5L) * 1_000);
  }

  private void consume(String queue) {
    long pause = 500;
    while (running) {
      try {
        String url = sqs.queueUrl(queue);
        List<Message> messages =
            sqs.receive(
                url, Math.min(receiveBatch, SqsGateway.MAX_BATCH), waitSeconds, visibilitySeconds);
        pause = 500;
        if (!messages.isEmpty()) {
          run(queue, url, messages);
        }
      } catch (Throwable e) { // NOPMD: an Error too must not end the loop for good
        LOG.log(
            pause == 500 ? Level.WARNING : Level.FINE,
            "Receiving " + queue + " jobs from SQS failed (" + e.getMessage() + "); trying again");
        sleep(pause);
        pause = Math.min(pause * 2, 15_000);
      }
    }
  }

  private void run(String queue, String url, List<Message> messages) {
    long hiddenAt = System.currentTimeMillis();
    List<Message> done = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      List<Message> rest = messages.subList(i, messages.size());
      if (!running) {
        // Undeploying: the jobs not started go back to the queue at once, for another node.
        quietly(() -> sqs.hide(url, rest, 0));
        break;
      }
      if (System.currentTimeMillis() - hiddenAt > visibilitySeconds * 250L) {
        // A quarter of the visibility timeout spent: the jobs done are deleted, and the rest stay
        // hidden for a whole timeout again, so each job starts with at least three quarters of it
        // (315 s of the default 420 s: more than a job's 300 s transaction may take).
        deleteQuietly(url, done);
        quietly(() -> sqs.hide(url, rest, visibilitySeconds));
        hiddenAt = System.currentTimeMillis();
      }
      Message message = messages.get(i);
      int receives = receiveCount(message);
      counters.increment("pravesh_jobs_bridge_received", "queue", queue);
      if (receives > 1) {
        counters.increment("pravesh_jobs_bridge_retried", "queue", queue);
      }
      try {
        handlers.run(job(queue, message));
        done.add(message);
        counters.increment("pravesh_jobs_bridge_consumed", "queue", queue);
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "Job " + message.messageId() + " (" + queue + ") failed on receive " + receives,
            e);
        Optional<SqsGateway.DeadLetter> dead = deadLetter(queue);
        if (dead.isPresent() && receives >= dead.get().maxReceives()) {
          // SQS moves it to the dead-letter queue when it is next received.
          counters.increment("pravesh_jobs_bridge_dead_lettered", "queue", queue);
        }
        int backoff = Math.min(MAX_BACKOFF_SECONDS, 1 << Math.min(receives - 1, 9));
        quietly(() -> sqs.hide(url, List.of(message), backoff));
      }
    }
    deleteQuietly(url, done);
  }

  /**
   * Deletes the jobs done. One that fails to be deleted comes back after its visibility timeout, is
   * found done by its handler, and is deleted then.
   */
  private void deleteQuietly(String url, List<Message> done) {
    if (!done.isEmpty()) {
      List<Message> deleting = List.copyOf(done);
      done.clear();
      quietly(() -> sqs.delete(url, deleting));
    }
  }

  private Optional<SqsGateway.DeadLetter> deadLetter(String queue) {
    try {
      return sqs.deadLetter(queue);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  static Job job(String queue, Message message) {
    Map<String, String> properties = new HashMap<>();
    String id = message.messageId();
    for (var attribute : message.messageAttributes().entrySet()) {
      MessageAttributeValue value = attribute.getValue();
      if (SqsGateway.JOB_ID.equals(attribute.getKey())) {
        id = value.stringValue();
      } else if (List.of(Job.PROPERTIES).contains(attribute.getKey())) {
        properties.put(attribute.getKey(), value.stringValue());
      }
    }
    return new Job(queue, id, message.body(), properties);
  }

  private static int receiveCount(Message message) {
    try {
      return Integer.parseInt(
          message
              .attributes()
              .getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private void quietly(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "SQS call failed; the jobs come back after their visibility timeout", e);
    }
  }

  private void sleep(long millis) {
    if (!Loops.sleepWhile(() -> running, millis)) {
      running = false;
    }
  }
}
