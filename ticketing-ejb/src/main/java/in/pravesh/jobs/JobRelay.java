package in.pravesh.jobs;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves jobs from {@code job_outbox} to their JMS queues: at once after the commit that made them
 * (one drain at a time on this node, however many commits wake it), and every second a sweep of the
 * jobs older than {@value #SWEEP_AFTER_SECONDS} s, which relays the jobs of a commit whose wake-up
 * was lost (a crash just after the commit) and those another node made and could not relay. A
 * node's fresh jobs are thus relayed by the node that made them (and handled there), not taken by
 * another node's sweep. Nodes share the table: each batch skips the rows another node's batch
 * holds.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobRelay {

  /** {@code job_outbox.queue} of ticket jobs. */
  public static final String TICKETS = "tickets";

  /** {@code job_outbox.queue} of notification jobs. */
  public static final String NOTIFICATIONS = "notifications";

  private static final Logger LOG = Logger.getLogger(JobRelay.class.getName());
  static final int BATCH = 200;
  static final int SWEEP_AFTER_SECONDS = 5;

  @Resource ManagedExecutorService executor;
  @Inject OutboxBatches batches;
  @Inject Clock clock;

  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean pending = new AtomicBoolean();
  private final AtomicBoolean sweep = new AtomicBoolean();

  /** There may be jobs to relay: drain the table soon, on another thread. */
  public void wake() {
    pending.set(true);
    start();
  }

  @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
  void tick() {
    sweep.set(true);
    start();
  }

  private void start() {
    if (draining.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RuntimeException e) {
        // Undeploying, or the pool is full (RejectedExecutionException): the next tick tries again.
        draining.set(false);
      }
    }
  }

  private void drain() {
    boolean failed = false;
    try {
      while (true) {
        boolean woken = pending.getAndSet(false);
        boolean swept = sweep.getAndSet(false);
        if (!woken && !swept) {
          break;
        }
        Instant madeBefore =
            woken ? null : clock.instant().minus(Duration.ofSeconds(SWEEP_AFTER_SECONDS));
        while (batches.relay(BATCH, madeBefore) == BATCH) {
          // a full batch: there may be more
        }
      }
    } catch (RuntimeException e) {
      failed = true;
      LOG.log(Level.WARNING, "Relaying jobs to their queues failed; trying again in a second", e);
    } finally {
      draining.set(false);
    }
    // A wake-up that came after the last check but before draining was cleared found the drain
    // still running: look once more. After a failure, the next tick tries again.
    if (!failed && (pending.get() || sweep.get())) {
      start();
    }
  }
}
