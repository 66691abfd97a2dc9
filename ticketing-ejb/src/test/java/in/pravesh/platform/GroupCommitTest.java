package in.pravesh.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.persistence.PersistenceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit's promises, with the batch's transaction played by a function: every caller gets its
 * own item's result, only after its batch; a failed batch (an exception or an Error) has each item
 * written alone on its caller's thread and the writer lives on; a batch that does not end in time
 * answers try-again; after stop, items are written alone.
 */
class GroupCommitTest {

  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private final Set<String> aloneThreads = ConcurrentHashMap.newKeySet();
  private final AtomicInteger alone = new AtomicInteger();
  private final ExecutorService callers = Executors.newFixedThreadPool(40);
  private GroupCommit<Integer, Integer> group;

  @AfterEach
  void stop() {
    callers.shutdownNow();
    if (group != null) {
      group.stop();
    }
  }

  private GroupCommit<Integer, Integer> group(
      Function<List<Integer>, List<Integer>> writeAll, long waitMillis) {
    group =
        new GroupCommit<>(
            "test",
            writeAll,
            item -> {
              alone.incrementAndGet();
              aloneThreads.add(Thread.currentThread().getName());
              return -item;
            },
            2,
            50,
            waitMillis,
            new Threads(),
            metrics);
    return group;
  }

  /** 40 callers at once, each with its own item; returns their results in order. */
  private List<Integer> atOnce(int n) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int item = i + 1;
      futures.add(
          callers.submit(
              () -> {
                Thread.currentThread().setName("caller-" + item);
                start.await();
                return group.submit(item);
              }));
    }
    start.countDown();
    List<Integer> results = new ArrayList<>();
    for (Future<Integer> future : futures) {
      results.add(future.get(10, TimeUnit.SECONDS));
    }
    return results;
  }

  private double counted(String name) {
    return metrics.counter(name).count();
  }

  @Test
  void itemsArrivingTogetherShareBatchesAndEachGetsItsOwnResult() throws Exception {
    AtomicInteger batches = new AtomicInteger();
    group(
        items -> {
          batches.incrementAndGet();
          pause(20); // a commit's time, while more arrive
          return items.stream().map(i -> i * 10).toList();
        },
        5_000);

    List<Integer> results = atOnce(40);

    for (int i = 0; i < 40; i++) {
      assertThat(results.get(i)).isEqualTo((i + 1) * 10);
    }
    assertThat(batches.get()).isLessThan(40);
    assertThat(alone.get()).isZero();
    assertThat(counted("pravesh_test_batched")).isEqualTo(40);
    assertThat(counted("pravesh_test_batches")).isEqualTo(batches.get());
  }

  @Test
  void aFailedBatchHasEachItemWrittenAloneOnItsCallersThreadAndTheWritersLiveOn() throws Exception {
    AtomicBoolean fail = new AtomicBoolean(true);
    group(
        items -> {
          if (fail.get()) {
            throw new PersistenceException("a deadlock, say");
          }
          return items;
        },
        5_000);

    List<Integer> results = atOnce(20);

    for (int i = 0; i < 20; i++) {
      assertThat(results.get(i)).isEqualTo(-(i + 1));
    }
    assertThat(alone.get()).isEqualTo(20);
    assertThat(aloneThreads).allSatisfy(name -> assertThat(name).startsWith("caller-"));
    assertThat(counted("pravesh_test_batched")).isZero();

    fail.set(false);
    assertThat(group.submit(7)).isEqualTo(7); // a writer still takes batches
  }

  @Test
  void anErrorInABatchNeitherKillsTheWritersNorLeavesACallerWaiting() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    group(
        items -> {
          if (calls.getAndIncrement() < 2) {
            throw new OutOfMemoryError("a writer's bad moment");
          }
          return items;
        },
        5_000);

    assertThat(group.submit(1)).isEqualTo(-1);
    assertThat(group.submit(2)).isEqualTo(-2);
    assertThat(group.submit(3)).isEqualTo(3);
  }

  @Test
  void aBatchThatDoesNotEndInTimeAnswersTryAgainAndItsLateResultIsNotWrittenTwice()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger written = new AtomicInteger();
    group(
        items -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          written.addAndGet(items.size());
          return items;
        },
        200);

    assertThatThrownBy(() -> group.submit(1))
        .isInstanceOf(PersistenceException.class)
        .hasMessageContaining("did not commit in time");
    release.countDown();
    assertThat(group.submit(2)).isEqualTo(2);
    assertThat(alone.get()).isZero();
    // The late batch commits item 1 once, as a late transaction of its own would (the caller's
    // retry learns it by its Idempotency-Key). Item 2 may have gone through the other writer
    // before the released one finishes: waited for, a few seconds at most.
    for (int i = 0; i < 100 && written.get() < 2; i++) {
      pause(50);
    }
    assertThat(written.get()).isEqualTo(2);
    pause(100);
    assertThat(written.get()).isEqualTo(2);
  }

  @Test
  void afterStopEveryItemIsWrittenAloneByItsCaller() {
    group(items -> items, 5_000);
    group.stop();

    assertThat(group.submit(5)).isEqualTo(-5);
    assertThat(alone.get()).isOne();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Plain threads, where the server gives managed ones. */
  private static final class Threads implements ManagedThreadFactory {
    @Override
    public Thread newThread(Runnable task) {
      return new Thread(task);
    }

    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
      throw new UnsupportedOperationException();
    }
  }
}
