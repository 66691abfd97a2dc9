package in.pravesh.jobs;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * What the bridge is doing, measured every 5 s for the health check and the metrics: the jobs
 * waiting in Artemis for SQS and the age of the oldest ({@code pravesh_jobs_bridge_waiting}, {@code
 * pravesh_jobs_bridge_lag_seconds}), and each SQS queue's approximate depth ({@code
 * pravesh_jobs_sqs_messages{queue,state}}, state {@code visible}, {@code in_flight} or {@code
 * dead}), and whether the last call reached SQS ({@code pravesh_jobs_sqs_reachable}, 1 or 0). The
 * {@code sqs-bridge} health check (ticketing-health) reads these. Nothing is measured while the
 * bridge is off.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SqsBridgeStatus {

  /** Counting the waiting jobs stops here (a browse of Artemis's queue; said as "at least"). */
  static final int COUNT_LIMIT = 20_000;

  private static final Logger LOG = Logger.getLogger(SqsBridgeStatus.class.getName());

  @Resource(lookup = "java:/ConnectionFactory")
  ConnectionFactory connectionFactory;

  @Resource(lookup = JobQueues.SQS_OUTBOUND)
  Queue outbound;

  @Inject SqsBridgeSettings settings;
  @Inject SqsGateway sqs;
  @Inject SqsRelay relay;
  @Inject MeterRegistry metrics;

  // Waiting: the jobs in Artemis's queue and those the relay holds while SQS has not taken them.
  private final AtomicLong waiting = new AtomicLong();
  private final AtomicLong lagSeconds = new AtomicLong();
  private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();
  private volatile boolean enabled;

  @PostConstruct
  void start() {
    enabled = settings.enabled();
    if (!enabled) {
      warnIfStranded();
    }
    if (enabled) {
      metrics.gauge("pravesh_jobs_bridge_waiting", waiting);
      metrics.gauge("pravesh_jobs_bridge_lag_seconds", lagSeconds);
      metrics.gauge("pravesh_jobs_sqs_reachable", sqs, gateway -> gateway.reachable() ? 1 : 0);
    }
  }

  @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
  void measure() {
    if (!enabled) {
      return;
    }
    measureOutbound();
    for (String queue : List.of(JobRelay.TICKETS, JobRelay.NOTIFICATIONS)) {
      try {
        long[] depth = sqs.depth(sqs.queueUrl(queue));
        depth(queue, "visible").set(depth[0]);
        depth(queue, "in_flight").set(depth[1]);
        var dead = sqs.deadLetter(queue);
        if (dead.isPresent()) {
          depth(queue, "dead").set(sqs.depth(dead.get().url())[0]);
        }
      } catch (RuntimeException e) {
        // Unreachable: the gateway's state says so; the last depths stay as they were.
      }
    }
  }

  private void measureOutbound() {
    try (JMSContext context = connectionFactory.createContext();
        QueueBrowser browser = context.createBrowser(outbound)) {
      Enumeration<?> messages = browser.getEnumeration();
      List<Long> held = relay.inHand();
      long count = held.size();
      long oldest = held.stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
      while (messages.hasMoreElements() && count < COUNT_LIMIT) {
        Message message = (Message) messages.nextElement();
        oldest = Math.min(oldest, message.getJMSTimestamp());
        count++;
      }
      waiting.set(count);
      lagSeconds.set(count == 0 ? 0 : Math.max(0, (System.currentTimeMillis() - oldest) / 1_000));
    } catch (JMSException | RuntimeException e) {
      // The broker's own health check reports a broker that cannot be browsed.
    }
  }

  /**
   * The bridge is off, yet jobs wait for it (it was on before this start): they stay put until it
   * is switched on again, so say so loudly.
   */
  private void warnIfStranded() {
    measureOutbound();
    if (waiting.get() > 0) {
      LOG.severe(
          () ->
              waiting.get()
                  + " jobs wait in SqsOutbound, but the SQS bridge is off: they run only once it"
                  + " is on again (set TICKETING_SQS_TICKET_QUEUE and"
                  + " TICKETING_SQS_NOTIFICATION_QUEUE as before)");
    }
  }

  private AtomicLong depth(String queue, String state) {
    return depths.computeIfAbsent(
        queue + "|" + state,
        key ->
            metrics.gauge(
                "pravesh_jobs_sqs_messages",
                Tags.of("queue", queue, "state", state),
                new AtomicLong()));
  }
}
