package in.pravesh.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.infinispan.Cache;

/**
 * Tells every node that what the public catalog shows (events, slots, ticket keys) changed, so that
 * the answers kept in memory are made again at once rather than when they expire. Seats taken are
 * not such a change: they change hundreds of times a second and may be a few seconds stale
 * (api.md).
 *
 * <p>A change committed here bumps a local counter; the other nodes hear it through a new random
 * value under {@code catalog} in the replicated {@code stats-signal} cache. When that cache cannot
 * be written or read, the answers still expire after their few seconds.
 */
@ApplicationScoped
public class CatalogChanges {

  private static final Logger LOG = Logger.getLogger(CatalogChanges.class.getName());
  private static final String KEY = "catalog";

  private final AtomicLong local = new AtomicLong();
  @Inject PraveshCaches caches;
  @Inject AfterCommit afterCommit;

  /** Inside the transaction that changes the catalog: told after its commit, never before. */
  public void changed() {
    afterCommit.run(this::publish);
  }

  private void publish() {
    local.incrementAndGet();
    try {
      Cache<String, Long> signal = caches.get(PraveshCaches.STATS_SIGNAL);
      PraveshCaches.quietly(signal.putAsync(KEY, ThreadLocalRandom.current().nextLong()), LOG);
    } catch (RuntimeException e) {
      PraveshCaches.logUnavailable(LOG, "catalog change signal", e);
    }
  }

  /** A number that changes whenever the catalog changed, here or on another node (a local read). */
  public long generation() {
    long generation = local.get();
    try {
      Cache<String, Long> signal = caches.get(PraveshCaches.STATS_SIGNAL);
      Long remote = PraveshCaches.available(signal) ? signal.get(KEY) : null;
      return generation * 31 + (remote == null ? 0 : remote);
    } catch (RuntimeException e) {
      return generation;
    }
  }
}
