package in.pravesh.platform.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.infinispan.commons.api.BasicCache;

/**
 * Counts requests per key in fixed time windows on a cache that every node shares (the replicated
 * {@code rate-limit} cache), so a limit holds for the whole cluster. Counters change only by
 * conditional writes ({@code putIfAbsent}, {@code replace(old, new)}), which the cache makes atomic
 * across nodes; each counter expires with its window.
 */
public final class FixedWindowLimiter {

  private static final int MAX_RETRIES = 50;

  private final BasicCache<String, Long> counters;
  private final Clock clock;

  public FixedWindowLimiter(BasicCache<String, Long> counters, Clock clock) {
    this.counters = counters;
    this.clock = clock;
  }

  /** Takes one request from {@code key}'s allowance of {@code limit} per {@code window}. */
  public Decision acquire(String key, int limit, Duration window) {
    long now = clock.millis();
    long windowMillis = window.toMillis();
    long windowStart = now - Math.floorMod(now, windowMillis);
    long windowEnd = windowStart + windowMillis;
    String counterKey = key + "@" + windowStart;
    long lifespan = windowEnd - now + 1_000;
    long retryAfterSeconds = Math.max(1, (windowEnd - now + 999) / 1000);
    for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
      Long current = counters.get(counterKey);
      if (current == null) {
        if (counters.putIfAbsent(counterKey, 1L, lifespan, TimeUnit.MILLISECONDS) == null) {
          return Decision.allow();
        }
      } else if (current >= limit) {
        return Decision.refused(retryAfterSeconds);
      } else if (counters.replace(
          counterKey, current, current + 1, lifespan, TimeUnit.MILLISECONDS)) {
        return Decision.allow();
      }
    }
    // Extreme contention on one key: it is certainly being hammered.
    return Decision.refused(1);
  }

  /** Whether a request may go ahead, and if not, after how many seconds it may. */
  public record Decision(boolean allowed, long retryAfterSeconds) {
    static Decision allow() {
      return new Decision(true, 0);
    }

    static Decision refused(long retryAfterSeconds) {
      return new Decision(false, retryAfterSeconds);
    }
  }
}
