package in.pravesh.platform.ratelimit;

import in.pravesh.platform.PraveshCaches;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;
import org.infinispan.Cache;

/**
 * The cluster-wide rate limits, on the replicated {@code rate-limit} cache ({@link
 * FixedWindowLimiter}). When the cache cannot answer (a minority partition, a timeout) the request
 * goes ahead: a limit is a guard against abuse, and the paid path behind it (messages) has its own
 * global cap that is counted in the database.
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
   * Takes one request from the allowance of {@code key} under the limit {@code name}.
   *
   * @throws RateLimitedException when the allowance is used up
   */
  public void acquire(String name, String key, int limit, Duration window) {
    FixedWindowLimiter.Decision decision;
    if (!PraveshCaches.available(counters)) {
      PraveshCaches.logUnavailable(LOG, "Rate limit " + name + " not checked", null);
      return;
    }
    try {
      decision = limiter.acquire(name + ":" + key, limit, window);
    } catch (RuntimeException e) {
      PraveshCaches.logUnavailable(LOG, "Rate limit " + name + " not checked", e);
      return;
    }
    if (!decision.allowed()) {
      throw new RateLimitedException(
          "Too many requests; try again in " + decision.retryAfterSeconds() + " seconds",
          decision.retryAfterSeconds());
    }
  }
}
