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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves jobs from {@code job_outbox} to their JMS queues: at once after the commit that made them
 * (one drain at a time on this node, however many commits wake it), and every second in any case,
 * which relays the jobs of a commit whose wake-up was lost (a crash just after the commit) and
 * those another node made and could not relay. Nodes share the table: each batch skips the rows
 * another node's batch holds.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobRelay {

  /** {@code job_outbox.queue} of ticket jobs. */
  static final String TICKETS = "tickets";

  /** {@code job_outbox.queue} of notification jobs. */
  static final String NOTIFICATIONS = "notifications";

  private static final Logger LOG = Logger.getLogger(JobRelay.class.getName());
  static final int BATCH = 200;

  @Resource ManagedExecutorService executor;
  @Inject OutboxBatches batches;

  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean pending = new AtomicBoolean();

  /** There may be jobs to relay: drain the table soon, on another thread. */
  public void wake() {
    pending.set(true);
    if (draining.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RuntimeException e) {
        // Undeploying, or the pool is full (RejectedExecutionException): the next tick tries again.
        draining.set(false);
      }
    }
  }

  @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
  void tick() {
    wake();
  }

  private void drain() {
    boolean failed = false;
    try {
      while (pending.getAndSet(false)) {
        while (batches.relay(BATCH) == BATCH) {
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
    if (!failed && pending.get()) {
      wake();
    }
  }
}
