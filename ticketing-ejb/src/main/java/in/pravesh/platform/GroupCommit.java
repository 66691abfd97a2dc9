package in.pravesh.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.persistence.PersistenceException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: the items that arrive while a transaction commits are written together in the next
 * one, by a few writer threads, up to {@code maxBatch} a transaction. Each caller gets its item's
 * result only after that transaction committed, so an answer is never lost by a crash; a storm
 * costs the database and the server a transaction per batch instead of one per item.
 *
 * <p>{@code writeAll} writes a batch in one transaction of its own and returns one result per item,
 * in order. A batch that fails as a whole is written again one item at a time, each by {@code
 * alone} in its own transaction on its caller's thread, so that one item cannot fail or stall the
 * others. When the queue is full, or after {@link #stop} began, an item is written alone on the
 * caller's thread. An item whose batch does not commit within {@code waitMillis} ends in a {@link
 * PersistenceException} (answered try-again): its batch may still commit it, as a transaction of
 * its own could after a timeout, which the caller's retry with its Idempotency-Key learns.
 *
 * @param <I> an item to write
 * @param <R> its result
 */
public final class GroupCommit<I, R> {

  private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

  private final String name;
  private final Function<List<I>, List<R>> writeAll;
  private final Function<I, R> alone;
  private final long waitMillis;
  private final int maxBatch;
  private final BlockingQueue<Item<I, R>> queue = new LinkedBlockingQueue<>(10_000);
  private final List<Thread> writers = new ArrayList<>();
  private final Counter batches;
  private final Counter batched;
  private volatile boolean stopped;

  private record Item<I, R>(I value, CompletableFuture<R> done) {}

  /** A batch failed: each of its items is written alone, on its caller's thread. */
  private static final class WriteAlone extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WriteAlone() {
      super("write alone", null, false, false);
    }
  }

  private static final WriteAlone WRITE_ALONE = new WriteAlone();

  /** An item whose batch did not commit in time (it may still): its caller should try again. */
  public static final class NotInTime extends PersistenceException {
    private static final long serialVersionUID = 1L;

    NotInTime(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Starts {@code writers} writer threads from {@code threads} (create it when the application
   * starts, so that they run with the deployment's context rather than a caller's identity). The
   * metrics {@code pravesh_<name>_batches_total} and {@code pravesh_<name>_batched_total} count the
   * transactions and the items written in them.
   */
  public GroupCommit(
      String name,
      Function<List<I>, List<R>> writeAll,
      Function<I, R> alone,
      int writers,
      int maxBatch,
      long waitMillis,
      ManagedThreadFactory threads,
      MeterRegistry metrics) {
    this.name = name;
    this.writeAll = writeAll;
    this.alone = alone;
    this.maxBatch = maxBatch;
    this.waitMillis = waitMillis;
    this.batches = metrics.counter("pravesh_" + name + "_batches");
    this.batched = metrics.counter("pravesh_" + name + "_batched");
    for (int i = 0; i < writers; i++) {
      Thread writer = threads.newThread(this::write);
      writer.setName("pravesh-" + name + "-batches-" + i);
      writer.setDaemon(true);
      writer.start();
      this.writers.add(writer);
    }
  }

  /** Ends the writers; whatever is left unwritten is written alone by its caller. */
  public void stop() {
    stopped = true;
    for (Thread writer : writers) {
      try {
        writer.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (Item<I, R> item; (item = queue.poll()) != null; ) {
      item.done().completeExceptionally(WRITE_ALONE);
    }
  }

  /** Writes {@code value} in the next batch and returns its result once that batch committed. */
  public R submit(I value) {
    Item<I, R> item = new Item<>(value, new CompletableFuture<>());
    if (stopped || !queue.offer(item)) {
      return alone.apply(value);
    }
    if (stopped && queue.remove(item)) {
      return alone.apply(value); // stop() began meanwhile: no writer will take it
    }
    try {
      return item.done().get(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      item.done().cancel(false);
      Thread.currentThread().interrupt();
      throw new NotInTime("interrupted while waiting for the " + name + " batch", e);
    } catch (TimeoutException e) {
      // Not yet taken by a writer: it never will be. Already in a batch: that batch may still
      // commit it, as a transaction of its own could after a timeout.
      if (!item.done().cancel(false)) {
        return answered(item); // written meanwhile: that result stands
      }
      throw new NotInTime("the " + name + " batch did not commit in time", e);
    } catch (ExecutionException e) {
      return answered(item);
    }
  }

  /** The result of a completed item, or written alone if its batch failed. */
  private R answered(Item<I, R> item) {
    try {
      return item.done().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof WriteAlone) {
        return alone.apply(item.value());
      }
      throw e.getCause() instanceof RuntimeException runtime
          ? runtime
          : new PersistenceException(e.getCause());
    }
  }

  private void write() {
    List<Item<I, R>> batch = new ArrayList<>();
    while (!stopped) {
      try {
        Item<I, R> first = queue.poll(500, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
      } catch (InterruptedException e) {
        continue; // only stop() ends a writer (the loop checks it)
      }
      queue.drainTo(batch, maxBatch - 1);
      batch.removeIf(item -> item.done().isDone()); // given up by their callers
      try {
        if (!batch.isEmpty()) {
          writeBatch(batch);
        }
      } catch (Throwable e) { // an Error too: the writer must live on, and no caller wait forever
        LOG.log(Level.SEVERE, "a " + name + " batch failed", e);
      } finally {
        for (Item<I, R> item : batch) {
          item.done().completeExceptionally(WRITE_ALONE); // a no-op for those answered
        }
        batch.clear();
      }
    }
  }

  private void writeBatch(List<Item<I, R>> batch) {
    List<R> results;
    try {
      results = writeAll.apply(batch.stream().map(Item::value).toList());
    } catch (RuntimeException e) {
      // Nothing of the batch was written (one transaction): the finally of write() has each
      // caller write its item alone, in parallel, so that one item cannot fail the others.
      LOG.log(
          Level.WARNING, "a " + name + " batch of " + batch.size() + " is written one by one", e);
      return;
    }
    // Counted before the callers are answered, so that a caller (or a test) that reads the counts
    // after its answer sees its own batch in them.
    batches.increment();
    batched.increment(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).done().complete(results.get(i));
    }
  }
}
