package in.pravesh.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.infinispan.Cache;
import org.infinispan.manager.EmbeddedCacheManager;

/**
 * The replicated caches of wildfly-config's {@code pravesh} container, each looked up once. (A
 * cache injected with {@code @Resource} is a lazy proxy that asks the container for the cache on
 * every call; on a hot path like token checks that cost more than the check itself.)
 */
@ApplicationScoped
public class PraveshCaches {

  public static final String ENTRY = "entry";
  public static final String RATE_LIMIT = "rate-limit";
  public static final String IDEMPOTENCY = "idempotency";
  public static final String TOKEN_REVOCATION = "token-revocation";
  public static final String STATS_SIGNAL = "stats-signal";

  @Resource(lookup = "java:jboss/infinispan/container/pravesh")
  EmbeddedCacheManager container;

  // Dependencies on the caches' services (see above); not used directly.
  @Resource(lookup = "java:jboss/infinispan/cache/pravesh/entry")
  Cache<?, ?> entry;

  @Resource(lookup = "java:jboss/infinispan/cache/pravesh/rate-limit")
  Cache<?, ?> rateLimit;

  @Resource(lookup = "java:jboss/infinispan/cache/pravesh/idempotency")
  Cache<?, ?> idempotency;

  @Resource(lookup = "java:jboss/infinispan/cache/pravesh/token-revocation")
  Cache<?, ?> tokenRevocation;

  @Resource(lookup = "java:jboss/infinispan/cache/pravesh/stats-signal")
  Cache<?, ?> statsSignal;

  private final Map<String, Cache<?, ?>> caches = new ConcurrentHashMap<>();

  @SuppressWarnings("unchecked")
  public <K, V> Cache<K, V> get(String name) {
    return (Cache<K, V>) caches.computeIfAbsent(name, container::getCache);
  }

  /**
   * Whether a cache can answer now, i.e. this node is not in a minority partition. Asking is a
   * local read; calling a degraded cache instead costs an exception, and Infinispan logs each one
   * as an ERROR with its stack trace: under a scan storm that flood alone slowed a node down.
   */
  public static boolean available(Cache<?, ?> cache) {
    try {
      // AvailabilityMode is not exported by WildFly's public org.infinispan module: read its name.
      return "AVAILABLE".equals(String.valueOf(cache.getAdvancedCache().getAvailability()));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Says that a cache could not be used: a WARNING at most once a minute per cache and purpose
   * (while it is degraded every request would say so), FINE otherwise.
   */
  public static void logUnavailable(Logger log, String what, Throwable cause) {
    long now = System.currentTimeMillis();
    Long last = LAST_WARNINGS.get(what);
    boolean warn =
        (last == null || now - last > 60_000)
            && (last == null
                ? LAST_WARNINGS.putIfAbsent(what, now) == null
                : LAST_WARNINGS.replace(what, last, now));
    log.log(warn ? Level.WARNING : Level.FINE, what + ": cache unavailable", cause);
  }

  private static final Map<String, Long> LAST_WARNINGS = new ConcurrentHashMap<>();

  /**
   * The result of an asynchronous cache call, if it comes within {@code millis}: a replicated write
   * waits for every node, and for a node that just died until the view changes (seconds). The call
   * itself goes on; an interrupt counts as a timeout.
   */
  public static <T> T within(CompletableFuture<T> call, long millis)
      throws TimeoutException, ExecutionException {
    try {
      return call.get(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutException("interrupted");
    }
  }

  /** A cache write nobody waits for; a failure is only logged (FINE). */
  public static void quietly(CompletableFuture<?> call, Logger log) {
    call.exceptionally(
        e -> {
          log.log(Level.FINE, "cache write failed", e);
          return null;
        });
  }
}
