package in.pravesh.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.manager.DefaultCacheManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The limiter on a real Infinispan cache (local here; the two-node test is in the cluster IT). */
class FixedWindowLimiterTest {

  private static DefaultCacheManager manager;
  private Cache<String, String> cache;
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-11-28T04:30:00Z"));
  private final Clock clock =
      new Clock() {
        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  @BeforeAll
  static void startCache() {
    manager = new DefaultCacheManager();
    manager.defineConfiguration("rate-limit", new ConfigurationBuilder().build());
  }

  @AfterAll
  static void stopCache() throws Exception {
    manager.close();
  }

  @BeforeEach
  void emptyCache() {
    cache = manager.getCache("rate-limit");
    cache.clear();
  }

  @Test
  void allowsTheLimitThenRefusesWithTheSecondsLeftInTheWindow() {
    var limiter = new FixedWindowLimiter(cache, clock);
    Duration tenMinutes = Duration.ofMinutes(10);

    for (int i = 0; i < 3; i++) {
      assertThat(limiter.acquire("otp:+919812345678", 3, tenMinutes).allowed()).isTrue();
    }
    now.set(now.get().plusSeconds(60));
    FixedWindowLimiter.Decision fourth = limiter.acquire("otp:+919812345678", 3, tenMinutes);

    assertThat(fourth.allowed()).isFalse();
    // The window started with the first request at 04:30: 9 minutes are left at 04:31.
    assertThat(fourth.retryAfterSeconds()).isEqualTo(540);
  }

  @Test
  void keysAreCountedApart() {
    var limiter = new FixedWindowLimiter(cache, clock);

    assertThat(limiter.acquire("a", 1, Duration.ofMinutes(1)).allowed()).isTrue();
    assertThat(limiter.acquire("b", 1, Duration.ofMinutes(1)).allowed()).isTrue();
    assertThat(limiter.acquire("a", 1, Duration.ofMinutes(1)).allowed()).isFalse();
  }

  @Test
  void theWindowStartsWithTheFirstRequestAndANewOneAfterItEnds() {
    var limiter = new FixedWindowLimiter(cache, clock);
    now.set(now.get().plusSeconds(50));
    assertThat(limiter.acquire("k", 1, Duration.ofMinutes(1)).allowed()).isTrue();

    // Past a minute boundary of the clock, but not past the key's own window.
    now.set(now.get().plusSeconds(30));
    FixedWindowLimiter.Decision refused = limiter.acquire("k", 1, Duration.ofMinutes(1));
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(30);

    now.set(now.get().plusSeconds(30));
    assertThat(limiter.acquire("k", 1, Duration.ofMinutes(1)).allowed()).isTrue();
  }

  @Test
  void concurrentRequestsNeverGetMoreThanTheLimit() throws Exception {
    var limiter = new FixedWindowLimiter(cache, clock);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      Callable<Boolean> request =
          () -> limiter.acquire("busy", 50, Duration.ofMinutes(1)).allowed();
      var results = new java.util.ArrayList<Future<Boolean>>();
      for (int i = 0; i < 400; i++) {
        results.add(pool.submit(request));
      }
      int allowed = 0;
      for (Future<Boolean> result : results) {
        allowed += result.get() ? 1 : 0;
      }
      assertThat(allowed).isEqualTo(50);
    } finally {
      pool.shutdownNow();
    }
  }
}
