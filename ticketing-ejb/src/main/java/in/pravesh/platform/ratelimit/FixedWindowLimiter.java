package in.pravesh.platform.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.infinispan.commons.api.BasicCache;

/**
 * Counts requests per key in windows that start at the key's first request, on a cache that every
 * node shares (the replicated {@code rate-limit} cache), so a limit holds for the whole cluster. An
 * entry is {@code "<window start millis>:<count>"} and expires with its window. It changes only by
 * conditional writes ({@code putIfAbsent}, {@code replace(old, new)}), which the cache makes atomic
 * across nodes without shipping code to other nodes.
 */
public final class FixedWindowLimiter {

  private static final int MAX_RETRIES = 50;

  private final BasicCache<String, String> counters;
  private final Clock clock;

  public FixedWindowLimiter(BasicCache<String, String> counters, Clock clock) {
    this.counters = counters;
    this.clock = clock;
  }

  /** Takes one request from {@code key}'s allowance of {@code limit} per {@code window}. */
  public Decision acquire(String key, int limit, Duration window) {
    long windowMillis = window.toMillis();
    for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
      long now = clock.millis();
      String current = counters.get(key);
      long start =
          current == null ? now : Long.parseLong(current.substring(0, current.indexOf(':')));
      long count =
          current == null ? 0 : Long.parseLong(current.substring(current.indexOf(':') + 1));
      if (current != null && now >= start + windowMillis) {
        // Expired but not yet evicted: a new window starts now.
        if (counters.replace(key, current, now + ":1", windowMillis, TimeUnit.MILLISECONDS)) {
          return Decision.allow();
        }
        continue;
      }
      long remaining = start + windowMillis - now;
      if (count >= limit) {
        return Decision.refused(Math.max(1, (remaining + 999) / 1000));
      }
      boolean taken =
          current == null
              ? counters.putIfAbsent(key, now + ":1", windowMillis, TimeUnit.MILLISECONDS) == null
              : counters.replace(
                  key, current, start + ":" + (count + 1), remaining, TimeUnit.MILLISECONDS);
      if (taken) {
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

    public static Decision refused(long retryAfterSeconds) {
      return new Decision(false, retryAfterSeconds);
    }
  }
}
