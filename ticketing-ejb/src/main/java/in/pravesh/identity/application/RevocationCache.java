package in.pravesh.identity.application;

import in.pravesh.platform.PraveshCaches;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.infinispan.Cache;

/**
 * The revocations in force, on the replicated {@code token-revocation} cache: what every request
 * with a token asks, on every node, without a database read or a transaction. Empty answers mean
 * "ask the database": when the cache is unavailable, and when this node cannot trust it because a
 * write failed or it was not available, until {@link RevocationCacheSync} has copied the database
 * into it again.
 */
@ApplicationScoped
public class RevocationCache {

  private static final Logger LOG = Logger.getLogger(RevocationCache.class.getName());

  @Inject PraveshCaches caches;
  @Inject Clock clock;

  private Cache<String, Long> cache;
  private volatile boolean trusted;
  private long distrusts;

  @PostConstruct
  void init() {
    cache = caches.get(PraveshCaches.TOKEN_REVOCATION);
  }

  /**
   * Whether the token is revoked, or empty when the cache cannot tell.
   *
   * @param issuedAt when the token was issued, to the millisecond where known
   */
  public Optional<Boolean> isRevoked(String subject, String jti, Instant issuedAt) {
    if (!trusted || !available()) {
      PraveshCaches.logUnavailable(LOG, "Revocations asked of the database", null);
      return Optional.empty();
    }
    try {
      Long subjectCutoff = cache.get("sub:" + subject);
      return Optional.of(
          (subjectCutoff != null && !issuedAt.isAfter(Instant.ofEpochMilli(subjectCutoff)))
              || (jti != null && cache.containsKey("jti:" + jti)));
    } catch (RuntimeException e) {
      PraveshCaches.logUnavailable(LOG, "Revocations asked of the database", e);
      return Optional.empty();
    }
  }

  boolean available() {
    return PraveshCaches.available(cache);
  }

  /** A committed revocation; if the cache cannot take it, this node stops trusting the cache. */
  void putOrDistrust(String key, Instant notBefore, Instant expiresAt) {
    try {
      put(key, notBefore, expiresAt);
    } catch (RuntimeException e) {
      distrust("revocation " + key + " not cached", e);
    }
  }

  /** Puts a revocation unless it is in already; throws when the cache cannot take it. */
  void put(String key, Instant notBefore, Instant expiresAt) {
    long lifespan = expiresAt.toEpochMilli() - clock.millis();
    if (lifespan > 0 && !Long.valueOf(notBefore.toEpochMilli()).equals(cache.get(key))) {
      cache.put(key, notBefore.toEpochMilli(), lifespan, TimeUnit.MILLISECONDS);
    }
  }

  synchronized void distrust(String why, Throwable cause) {
    if (trusted) {
      LOG.log(
          Level.WARNING,
          "Revocations asked of the database until the cache is copied: " + why,
          cause);
    }
    trusted = false;
    distrusts++;
  }

  /**
   * How often this node stopped trusting the cache: a copy started before the last one is stale.
   */
  synchronized long distrusts() {
    return distrusts;
  }

  /** Trusts the cache again, unless it was distrusted since the copy began. */
  synchronized void trustIfNoneSince(long distrustsAtCopyStart) {
    if (distrusts == distrustsAtCopyStart) {
      trusted = true;
    }
  }

  boolean trusted() {
    return trusted;
  }
}
