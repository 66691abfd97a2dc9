package in.pravesh.analytics.application;

import in.pravesh.platform.EventActivity;
import in.pravesh.platform.PraveshCaches;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.infinispan.Cache;

/**
 * The live statistics stream (api.md, Admin: {@code GET /api/admin/stream}): the event's statistics
 * and its occupancy, sent together whenever either changes. Per node and event, one feed: its
 * snapshot is computed once per burst of changes (at most every {@code
 * ticketing.stats.stream-interval-ms}) and the same text goes to every listener, so a hundred open
 * dashboards cost the database what one costs.
 *
 * <p>A change is an {@link EventActivity} after its commit. It marks the event's feed on this node
 * stale, and the event as changed for the others: every 200 ms the changed events get a new random
 * value in the replicated {@code stats-signal} cache (one write per event, whatever the number of
 * changes). A tick every 100 ms reads, for each feed, the event's entry in this node's replica (a
 * memory read, no query, however many listeners): a new value marks the feed stale. Then it
 * computes the stale feeds' snapshots, each no sooner than the interval after its last. (Infinispan
 * entry listeners would need a private WildFly module: the public one hides their annotations.)
 *
 * <p>Each listener has at most one send in flight and one snapshot waiting (a newer one replaces
 * it), so a slow listener costs one buffer and delays nobody else; one whose send has not completed
 * within {@code ticketing.stats.stream-send-timeout-seconds} is closed (its browser reconnects and
 * gets the latest snapshot). Idle listeners get a comment every {@code
 * ticketing.stats.stream-keep-alive-seconds}, which also finds the ones that went away and closes
 * the ones no longer allowed (token expired or revoked: checked at that interval, busy or not).
 */
@ApplicationScoped
public class LiveStats {

  private static final Logger LOG = Logger.getLogger(LiveStats.class.getName());
  private static final long TICK_MS = 100;
  private static final Jsonb JSON = JsonbBuilder.create();

  /**
   * A snapshot as sent: its id (a digest of the numbers, the same on every node), its JSON, and its
   * place in this node's sequence (a listener never gets an older one after a newer one).
   */
  public record Snapshot(String id, String json, String occupancyJson, long sequence) {}

  /** The receiving end of one open stream (in the API layer: an SSE sink). */
  public interface Watcher {
    /**
     * Starts sending a snapshot without blocking; completes when it is written. A send that must
     * wait for another (its two events) starts it on {@code later}: a managed thread, never the I/O
     * thread that completed the first, where the sink cannot write.
     */
    CompletionStage<?> send(Snapshot snapshot, java.util.concurrent.Executor later);

    /** Starts sending a keep-alive comment without blocking. */
    CompletionStage<?> keepAlive();

    /** Whether the listener may still watch (its credentials still hold). */
    boolean allowed();

    boolean closed();

    /** Ends the stream; may block while a write is stuck (called off the tick). */
    void close();
  }

  @Inject Statistics statistics;
  @Inject PraveshCaches caches;
  @Inject MeterRegistry metrics;

  @Resource ManagedScheduledExecutorService scheduler;

  /** Where streams are closed: not the ticks' pool (a stuck close waits for a stuck write). */
  @Resource ManagedExecutorService closer;

  @Inject
  @ConfigProperty(name = "ticketing.stats.stream-interval-ms", defaultValue = "300")
  long intervalMs;

  @Inject
  @ConfigProperty(name = "ticketing.stats.stream-keep-alive-seconds", defaultValue = "15")
  long keepAliveSeconds;

  @Inject
  @ConfigProperty(name = "ticketing.stats.stream-send-timeout-seconds", defaultValue = "10")
  long sendTimeoutSeconds;

  private final Map<UUID, Feed> feeds = new ConcurrentHashMap<>();
  private final Set<UUID> changed = ConcurrentHashMap.newKeySet();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong ticks = new AtomicLong();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong lastWarning = new AtomicLong();
  private Counter snapshots;
  private Counter dropped;
  private ScheduledFuture<?> ticker;
  private Cache<String, Long> signalCache;

  @PostConstruct
  void start() {
    snapshots = metrics.counter("pravesh_stats_snapshots_computed");
    dropped = metrics.counter("pravesh_stats_listeners_dropped");
    metrics.gauge("pravesh_stats_listeners_open", open);
    signalCache = caches.get(PraveshCaches.STATS_SIGNAL);
    ticker = scheduler.scheduleWithFixedDelay(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    ticker.cancel(false);
    feeds.values().forEach(feed -> feed.subscriptions.forEach(s -> s.close(true)));
  }

  /**
   * Opens a stream on an event (404 if there is none): the current snapshot at once, unless the
   * listener already has it ({@code lastEventId}), then every change.
   */
  public void subscribe(String slug, String lastEventId, Watcher listener) {
    UUID eventId = statistics.eventId(slug);
    var subscription = new AtomicReference<Subscription>();
    Feed feed =
        feeds.compute(
            eventId,
            (id, existing) -> {
              Feed f = existing != null ? existing : new Feed(id);
              subscription.set(new Subscription(f, listener));
              f.subscriptions.add(subscription.get());
              return f;
            });
    open.incrementAndGet();
    Snapshot current;
    try {
      current = feed.current();
    } catch (RuntimeException e) {
      // The sink stays as it is: the exception becomes the problem+json answer.
      subscription.get().close(false);
      throw e;
    }
    if (!current.id().equals(lastEventId)) {
      subscription.get().offer(current);
    }
  }

  /** A change committed here: this node's feed soon, the other nodes' at the next tick. */
  void onActivity(@Observes(during = TransactionPhase.AFTER_SUCCESS) EventActivity activity) {
    changed.add(activity.eventId());
    Feed feed = feeds.get(activity.eventId());
    if (feed != null) {
      feed.schedule();
    }
  }

  private void tick() {
    if (ticks.incrementAndGet() % 2 == 0) {
      try {
        signalChanges();
      } catch (Throwable e) { // the ticks go on whatever happens
        warn("live statistics signal failed", e);
      }
    }
    long now = System.nanoTime();
    long nowMillis = System.currentTimeMillis();
    for (Feed feed : feeds.values()) {
      try {
        feed.readSignal();
        feed.refreshIfDue(nowMillis);
      } catch (Throwable e) { // one feed's failure never stops the ticks
        warn("live statistics of event " + feed.eventId + " failed", e);
      }
      for (Subscription subscription : feed.subscriptions) {
        try {
          subscription.check(now);
        } catch (Throwable e) {
          warn("a live statistics listener could not be checked", e);
        }
      }
    }
  }

  /** Tells the other nodes: a new random value per changed event; a failed write is retried. */
  private void signalChanges() {
    for (UUID eventId : changed) {
      changed.remove(eventId);
      try {
        signalCache
            .putAsync(eventId.toString(), ThreadLocalRandom.current().nextLong())
            .whenComplete(
                (ok, error) -> {
                  if (error != null) {
                    changed.add(eventId);
                    LOG.log(Level.FINE, "stats signal not written; again at the next tick", error);
                  }
                });
      } catch (RuntimeException e) {
        changed.add(eventId);
        PraveshCaches.logUnavailable(LOG, "live statistics signal", e);
      }
    }
  }

  /** A WARNING at most once a minute (a database outage would otherwise log every 100 ms). */
  private void warn(String what, Throwable e) {
    long now = System.currentTimeMillis();
    long last = lastWarning.get();
    boolean loud = now - last > 60_000 && lastWarning.compareAndSet(last, now);
    LOG.log(loud ? Level.WARNING : Level.FINE, what, e);
  }

  /** One event's snapshot on this node and who listens to it here. */
  private final class Feed {
    final UUID eventId;
    final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    final AtomicBoolean stale = new AtomicBoolean();
    volatile Snapshot latest;
    volatile long lastComputed;
    volatile long lastDuration;
    // Read and written by the tick only (fixed-delay runs never overlap).
    private Long lastSignal;

    Feed(UUID eventId) {
      this.eventId = eventId;
    }

    synchronized Snapshot current() {
      if (latest == null) {
        latest = compute();
      }
      return latest;
    }

    /**
     * From the tick: a change anywhere in the cluster is a new value of the event's signal entry,
     * read from this node's replica (a memory read, no query). Any new value counts, this node's
     * own too: a change of another node written over by this node's would otherwise be missed.
     */
    void readSignal() {
      Long signal;
      try {
        signal = signalCache.get(eventId.toString());
      } catch (RuntimeException e) {
        PraveshCaches.logUnavailable(LOG, "live statistics signal", e);
        return;
      }
      if (signal != null && !signal.equals(lastSignal)) {
        lastSignal = signal;
        schedule();
      }
    }

    /** Asks for the next snapshot (the tick computes it, no sooner than the interval). */
    void schedule() {
      stale.set(true);
    }

    /** From the tick: a new snapshot if something changed and the interval has passed. */
    void refreshIfDue(long nowMillis) {
      // No sooner than the interval, nor than twice the last snapshot's time: on a large event
      // (a million rows: 2-3 s a snapshot) the stream slows down instead of keeping the database
      // busy with the same five aggregates.
      long gap = Math.max(intervalMs, 2 * lastDuration);
      if (!stale.get() || nowMillis - lastComputed < gap || subscriptions.isEmpty()) {
        return;
      }
      // Changes from here on ask for another snapshot: none is lost.
      stale.set(false);
      try {
        Snapshot next;
        synchronized (this) {
          next = compute();
          if (latest != null && latest.id().equals(next.id())) {
            return;
          }
          latest = next;
        }
        subscriptions.forEach(subscription -> subscription.offer(next));
      } catch (RuntimeException e) {
        stale.set(true); // tried again at a later tick
        throw e;
      }
    }

    private Snapshot compute() {
      lastComputed = System.currentTimeMillis();
      EventStats stats = statistics.of(eventId);
      Occupancy occupancy = statistics.occupancy(eventId);
      lastDuration = System.currentTimeMillis() - lastComputed;
      snapshots.increment();
      // The id is a digest of the numbers without the time they were computed: the same on every
      // node, so a listener that reconnects elsewhere is not sent what it has.
      String numbers =
          JSON.toJson(new EventStats(stats.registrations(), stats.tickets(), stats.entries(), null))
              + JSON.toJson(
                  new Occupancy(
                      occupancy.inside(), occupancy.maxInside(), occupancy.byGate(), null));
      return new Snapshot(
          digest(numbers), JSON.toJson(stats), JSON.toJson(occupancy), sequence.incrementAndGet());
    }

    void remove(Subscription subscription) {
      if (subscriptions.remove(subscription)) {
        open.decrementAndGet();
      }
      feeds.computeIfPresent(eventId, (id, feed) -> feed.subscriptions.isEmpty() ? null : feed);
    }
  }

  private static final Snapshot KEEP_ALIVE = new Snapshot("", "", "", 0);

  /**
   * One listener: at most one send in flight, at most one item waiting (the newest snapshot, or a
   * keep-alive), so a listener that does not read holds one snapshot, never a queue.
   */
  private final class Subscription {
    final Feed feed;
    final Watcher listener;
    final AtomicReference<Snapshot> waiting = new AtomicReference<>();
    final AtomicBoolean sending = new AtomicBoolean();
    final AtomicBoolean closed = new AtomicBoolean();
    private long lastOffered; // guarded by this
    volatile long sendStarted;
    volatile long lastActive = System.nanoTime();
    volatile long lastAuthorised = System.nanoTime();

    Subscription(Feed feed, Watcher listener) {
      this.feed = feed;
      this.listener = listener;
    }

    /**
     * Takes a snapshot unless a newer one was offered already (the request thread's first offer and
     * the tick's may race: the check and the hand-over are one step).
     */
    void offer(Snapshot snapshot) {
      synchronized (this) {
        if (snapshot.sequence() <= lastOffered) {
          return;
        }
        lastOffered = snapshot.sequence();
        waiting.set(snapshot);
      }
      drain();
    }

    private void drain() {
      while (!closed.get() && sending.compareAndSet(false, true)) {
        Snapshot next = waiting.getAndSet(null);
        if (next == null) {
          sending.set(false);
          if (waiting.get() == null) {
            return;
          }
          continue;
        }
        sendStarted = System.nanoTime();
        CompletionStage<?> sent;
        try {
          sent = next == KEEP_ALIVE ? listener.keepAlive() : listener.send(next, closer);
        } catch (RuntimeException e) {
          close(true);
          return;
        }
        sent.whenComplete(
            (ok, error) -> {
              sendStarted = 0;
              lastActive = System.nanoTime();
              sending.set(false);
              if (error != null) {
                // A broken connection is closed already (closing it again only makes Undertow
                // log errors); any other failure leaves the stream open: close it.
                close(!(unwrap(error) instanceof java.io.IOException));
              } else {
                drain();
              }
            });
        return;
      }
    }

    /**
     * From the tick: drops a stuck, gone or no longer allowed listener; keeps an idle one alive.
     */
    void check(long now) {
      long started = sendStarted;
      if (started != 0 && now - started > TimeUnit.SECONDS.toNanos(sendTimeoutSeconds)) {
        dropped.increment();
        LOG.fine("a live statistics listener stopped reading: closed");
        close(true);
        return;
      }
      if (listener.closed()) {
        close(false);
        return;
      }
      long every = TimeUnit.SECONDS.toNanos(keepAliveSeconds);
      if (now - lastAuthorised > every) {
        // Asked again at the next tick if the answer cannot be had (it throws).
        if (!listener.allowed()) {
          close(true);
          return;
        }
        lastAuthorised = now;
      }
      if (now - lastActive > every) {
        lastActive = now;
        if (waiting.compareAndSet(null, KEEP_ALIVE)) {
          drain();
        }
      }
    }

    /**
     * Forgets the listener; with {@code closeSink}, also ends its stream, on another thread: the
     * close of a stream whose client stopped reading waits for the stuck write.
     */
    void close(boolean closeSink) {
      if (closed.compareAndSet(false, true)) {
        feed.remove(this);
        if (closeSink) {
          try {
            closer.execute(this::closeSink);
          } catch (RuntimeException e) { // shutting down
            closeSink();
          }
        }
      }
    }

    private void closeSink() {
      try {
        listener.close();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "live statistics listener not closed cleanly", e);
      }
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof java.util.concurrent.CompletionException
            || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
