package in.pravesh.platform.ratelimit;

import in.pravesh.platform.PraveshCaches;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import org.infinispan.Cache;

/**
 * The cluster-wide rate limits, on the replicated {@code rate-limit} cache ({@link
 * FixedWindowLimiter}). When the cache cannot answer (a minority partition, a timeout) a limit
 * against abuse lets the request go ahead, while a limit that guards a secret asks the database.
 */
@ApplicationScoped
public class RateLimiter {

  private static final Logger LOG = Logger.getLogger(RateLimiter.class.getName());

  @Inject PraveshCaches caches;
  @Inject Clock clock;

  private Cache<String, String> counters;
  private FixedWindowLimiter limiter;

  @PostConstruct
  void init() {
    counters = caches.get(PraveshCaches.RATE_LIMIT);
    limiter = new FixedWindowLimiter(counters, clock);
  }

  /**
   * Takes one request from the allowance of {@code key} under the limit {@code name}. When the
   * cache cannot answer the request goes ahead: for limits against abuse of public routes only.
   *
   * @throws RateLimitedException when the allowance is used up
   */
  public void acquire(String name, String key, int limit, Duration window) {
    acquire(name, key, limit, window, null);
  }

  /**
   * The same for a limit that guards a secret (login codes): when the cache cannot answer, {@code
   * countInDatabase} (how many requests the database saw in the window) decides, so the limit holds
   * when the cache is degraded.
   */
  public void acquire(
      String name, String key, int limit, Duration window, LongSupplier countInDatabase) {
    FixedWindowLimiter.Decision decision = null;
    RuntimeException failure = null;
    if (PraveshCaches.available(counters)) {
      try {
        decision = limiter.acquire(name + ":" + key, limit, window);
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    if (decision == null) {
      PraveshCaches.logUnavailable(
          LOG, "Rate limit " + name + " not checked on the cache", failure);
      if (countInDatabase == null || countInDatabase.getAsLong() < limit) {
        return;
      }
      decision = FixedWindowLimiter.Decision.refused(window.toSeconds());
    }
    if (!decision.allowed()) {
      throw new RateLimitedException(
          "Too many requests; try again in " + decision.retryAfterSeconds() + " seconds",
          decision.retryAfterSeconds());
    }
  }
}
