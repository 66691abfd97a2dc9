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
 * "not revoked"; an unavailable cache answers nothing and the caller asks the database.
 */
@ApplicationScoped
public class RevocationCache {

  private static final Logger LOG = Logger.getLogger(RevocationCache.class.getName());

  @Inject PraveshCaches caches;
  @Inject Clock clock;

  private Cache<String, Long> cache;

  @PostConstruct
  void init() {
    cache = caches.get(PraveshCaches.TOKEN_REVOCATION);
  }

  /**
   * Whether the token is revoked, or empty when the cache cannot tell (unavailable).
   *
   * @param issuedAt when the token was issued, to the millisecond where known
   */
  public Optional<Boolean> isRevoked(String subject, String jti, Instant issuedAt) {
    if (!PraveshCaches.available(cache)) {
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

  void put(String key, Instant notBefore, Instant expiresAt) {
    long lifespan = expiresAt.toEpochMilli() - clock.millis();
    if (lifespan <= 0) {
      return;
    }
    try {
      cache.put(key, notBefore.toEpochMilli(), lifespan, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      // The database row stands; nodes ask the database while the cache is unavailable.
      LOG.log(Level.WARNING, "Revocation " + key + " not cached", e);
    }
  }
}
