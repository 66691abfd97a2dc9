package in.pravesh.entry.application;

import in.pravesh.entry.application.AdmissionLedger.Ask;
import in.pravesh.entry.application.AdmissionLedger.Decision;
import in.pravesh.entry.application.AdmissionLedger.Note;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Group commit for scans: the scans that arrive while a transaction commits are decided and
 * recorded together in the next one ({@link AdmissionLedger#decideAll}), by {@value #WRITERS}
 * writer threads, up to {@value #MAX_BATCH} a transaction. Each scan's answer is given only after
 * its transaction committed, so an answer is never lost by a crash and a ticket is admitted exactly
 * when its admission row is committed, as before; a storm of scans costs the database and the
 * server a transaction per batch instead of one per scan.
 *
 * <p>A batch that fails as a whole (a lock not granted within 200 ms, a deadlock, one scan's bad
 * row) is decided again one scan at a time, each in its own transaction on its own request thread,
 * so that one scan cannot fail or stall the others. When the queue is full, or after undeploy
 * began, a scan is decided alone on the caller's thread. A scan whose batch does not commit within
 * {@code ticketing.entry.batch-wait-ms} is answered try-again (its scanner retries with the same
 * Idempotency-Key and learns the outcome).
 */
@ApplicationScoped
public class ScanBatches {

  private static final Logger LOG = Logger.getLogger(ScanBatches.class.getName());
  private static final int MAX_BATCH = 200;
  private static final int WRITERS = 2;

  @Inject AdmissionLedger ledger;
  @Inject MeterRegistry metrics;
  @Resource ManagedThreadFactory threads;

  @Inject
  @ConfigProperty(name = "ticketing.entry.batch-wait-ms", defaultValue = "10000")
  long waitMillis;

  private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>(10_000);
  private final List<Thread> writers = new ArrayList<>();
  private Counter batches;
  private Counter batched;
  private volatile boolean stopped;

  /** A scan waiting for its batch: to decide ({@code ask}) or only to record ({@code note}). */
  private record Item(Ask ask, Note note, CompletableFuture<Decision> done) {}

  /** A batch failed: each of its scans is decided alone, on its own request thread. */
  private static final class DecideAlone extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DecideAlone() {
      super("decide alone", null, false, false);
    }
  }

  private static final DecideAlone DECIDE_ALONE = new DecideAlone();

  /**
   * Created, and its writers started, when the application starts: the writers then run with the
   * deployment's context, not with the identity of whichever volunteer scanned first.
   */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // The observer's only purpose is to create the bean (and run @PostConstruct) at startup.
  }

  @PostConstruct
  void start() {
    // Transactions that decided or recorded scans together, and the scans in them.
    batches = metrics.counter("pravesh_scan_batches");
    batched = metrics.counter("pravesh_scans_batched");
    for (int i = 0; i < WRITERS; i++) {
      Thread writer = threads.newThread(this::write);
      writer.setName("pravesh-scan-batches-" + i);
      writer.setDaemon(true);
      writer.start();
      writers.add(writer);
    }
  }

  @PreDestroy
  void stop() {
    stopped = true;
    for (Thread writer : writers) {
      try {
        writer.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    // Whatever is left was never written: each is decided alone, or its scanner told to try again.
    for (Item item; (item = queue.poll()) != null; ) {
      item.done().completeExceptionally(DECIDE_ALONE);
    }
  }

  /** Decides a scan of a ticket in the next batch; see {@link AdmissionLedger#decideAll}. */
  public Decision admit(Ask ask) {
    return submit(new Item(ask, null, new CompletableFuture<>()));
  }

  /** Records a scan answered without the database, in the next batch. */
  public void record(Note note) {
    submit(new Item(null, note, new CompletableFuture<>()));
  }

  private Decision submit(Item item) {
    if (stopped || !queue.offer(item)) {
      return alone(item);
    }
    if (stopped && queue.remove(item)) {
      return alone(item); // undeploy began meanwhile: no writer will take it
    }
    try {
      return item.done().get(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      item.done().cancel(false);
      Thread.currentThread().interrupt();
      throw new PersistenceException("interrupted while the scan was decided", e);
    } catch (TimeoutException e) {
      // Not yet taken by a writer: it never will be. Already in a batch: that batch may still
      // commit it, as a transaction of its own could after a timeout; the scanner's retry with
      // the same Idempotency-Key then learns ADMITTED.
      if (!item.done().cancel(false)) {
        return answered(item); // decided meanwhile: that answer stands
      }
      throw new PersistenceException("the scan's batch did not commit in time", e);
    } catch (ExecutionException e) {
      return answered(item);
    }
  }

  /** The answer of a completed item: its decision, or decided alone if its batch failed. */
  private Decision answered(Item item) {
    try {
      return item.done().join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof DecideAlone) {
        return alone(item);
      }
      throw e.getCause() instanceof RuntimeException runtime
          ? runtime
          : new PersistenceException(e.getCause());
    }
  }

  private void write() {
    List<Item> batch = new ArrayList<>();
    while (!stopped) {
      try {
        Item first = queue.poll(500, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
      } catch (InterruptedException e) {
        continue; // only stop() ends a writer (the loop checks it)
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      batch.removeIf(item -> item.done().isDone()); // given up by their requests
      try {
        if (!batch.isEmpty()) {
          decide(batch);
        }
      } catch (Throwable e) { // an Error too: the writer must live on, and no scan wait forever
        LOG.log(Level.SEVERE, "a batch of scans failed", e);
      } finally {
        for (Item item : batch) {
          item.done().completeExceptionally(DECIDE_ALONE); // a no-op for those answered
        }
        batch.clear();
      }
    }
  }

  private void decide(List<Item> batch) {
    List<Ask> asks = new ArrayList<>();
    List<Note> notes = new ArrayList<>();
    for (Item item : batch) {
      if (item.ask() != null) {
        asks.add(item.ask());
      } else {
        notes.add(item.note());
      }
    }
    List<Decision> decisions;
    try {
      decisions = ledger.decideAll(asks, notes, false);
    } catch (RuntimeException e) {
      // Nothing of the batch was written (one transaction): the finally of write() has each
      // request decide its scan alone, in parallel, so that one scan cannot fail the others.
      LOG.log(Level.WARNING, "a batch of " + batch.size() + " scans is decided one by one", e);
      return;
    }
    int next = 0;
    for (Item item : batch) {
      item.done().complete(item.ask() != null ? decisions.get(next++) : null);
    }
    batches.increment();
    batched.increment(batch.size());
  }

  /** One scan in a transaction of its own, waiting for the ticket's lock if it must. */
  private Decision alone(Item item) {
    List<Decision> decided =
        item.ask() != null
            ? ledger.decideAll(List.of(item.ask()), List.of(), true)
            : ledger.decideAll(List.of(), List.of(item.note()), true);
    return decided.isEmpty() ? null : decided.get(0);
  }
}
