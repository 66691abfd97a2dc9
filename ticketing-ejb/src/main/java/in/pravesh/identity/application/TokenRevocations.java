package in.pravesh.identity.application;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.infinispan.Cache;

/**
 * Tokens refused before they expire: all of a subject's tokens issued up to a moment (a staff
 * member deactivated or demoted), or one token (logout). The database keeps them across restarts;
 * the replicated {@code token-revocation} cache answers every request on every node at once. A
 * revocation is written to both; when the cache cannot answer, the database does.
 */
@Stateless
public class TokenRevocations {

  private static final Logger LOG = Logger.getLogger(TokenRevocations.class.getName());

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject IdentityConfig config;

  @Resource(lookup = "java:jboss/infinispan/cache/pravesh/token-revocation")
  Cache<String, Long> cache;

  /** Refuses every token of this person issued up to now. */
  public void revokeSubject(UUID personId) {
    Instant now = clock.instant();
    store("sub:" + personId, now, now.plus(config.longestTokenLifetime()));
  }

  /** Refuses one token (by its jti) until it would have expired anyway. */
  public void revokeToken(String jti, Instant expiresAt) {
    store("jti:" + jti, clock.instant(), expiresAt);
  }

  /**
   * Whether a token of {@code subject} with id {@code jti}, issued at {@code issuedAt}, is refused.
   */
  public boolean isRevoked(String subject, String jti, Instant issuedAt) {
    try {
      Long subjectCutoff = cache.get("sub:" + subject);
      return (subjectCutoff != null && !issuedAt.isAfter(Instant.ofEpochMilli(subjectCutoff)))
          || (jti != null && cache.containsKey("jti:" + jti));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Revocation cache unavailable; asking the database", e);
      return revokedInDatabase(subject, jti, issuedAt);
    }
  }

  /** Puts the database's revocations that are still in force into the cache (at start). */
  public int warmCache() {
    var rows =
        em.createNativeQuery(
                "select revocation_key, not_before, expires_at from token_revocation"
                    + " where expires_at > now()")
            .getResultList();
    for (Object row : rows) {
      Object[] columns = (Object[]) row;
      cachePut(
          (String) columns[0],
          ((Timestamp) columns[1]).toInstant(),
          ((Timestamp) columns[2]).toInstant());
    }
    return rows.size();
  }

  private boolean revokedInDatabase(String subject, String jti, Instant issuedAt) {
    return !em.createNativeQuery(
            "select 1 from token_revocation where expires_at > now() and"
                + " ((revocation_key = ?1 and not_before >= ?2) or revocation_key = ?3)")
        .setParameter(1, "sub:" + subject)
        .setParameter(2, Timestamp.from(issuedAt))
        .setParameter(3, "jti:" + jti)
        .getResultList()
        .isEmpty();
  }

  private void store(String key, Instant notBefore, Instant expiresAt) {
    em.createNativeQuery(
            "insert into token_revocation (revocation_key, not_before, expires_at)"
                + " values (?1, ?2, ?3) on conflict (revocation_key) do update"
                + " set not_before = excluded.not_before, expires_at = excluded.expires_at")
        .setParameter(1, key)
        .setParameter(2, Timestamp.from(notBefore))
        .setParameter(3, Timestamp.from(expiresAt))
        .executeUpdate();
    cachePut(key, notBefore, expiresAt);
  }

  private void cachePut(String key, Instant notBefore, Instant expiresAt) {
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
