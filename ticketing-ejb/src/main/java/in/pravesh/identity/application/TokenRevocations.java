package in.pravesh.identity.application;

import in.pravesh.platform.AfterCommit;
import in.pravesh.platform.SqlValues;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Tokens refused before they expire: all of a subject's tokens issued up to a moment (a staff
 * member deactivated or demoted), or one token (logout). The database keeps them across restarts;
 * the replicated {@code token-revocation} cache ({@link RevocationCache}) answers every request on
 * every node at once. A revocation is written to the database, then, after the commit, to the
 * cache; when the cache cannot answer, or cannot be trusted, the database does.
 */
@Stateless
public class TokenRevocations {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject IdentityConfig config;

  @Inject RevocationCache cache;
  @Inject AfterCommit afterCommit;

  /**
   * Refuses every token of this person issued up to now. A caller that revokes because of a change
   * of the staff row holds that row's lock: a login reads it under a share lock and issues its
   * token as of that read, so every token with the old roles was issued before now. Both times are
   * the database's, so the nodes' clocks cannot disagree about the order.
   */
  public void revokeSubject(UUID personId) {
    Instant now = SqlValues.databaseNow(em);
    store("sub:" + personId, now, now.plus(config.longestTokenLifetime()));
  }

  /** Refuses one token (by its jti) until it would have expired anyway. */
  public void revokeToken(String jti, Instant expiresAt) {
    store("jti:" + jti, clock.instant(), expiresAt);
  }

  /**
   * Whether a token of {@code subject} with id {@code jti}, issued at {@code issuedAt}, is refused,
   * asked of the database (when the cache cannot answer).
   */
  public boolean revokedInDatabase(String subject, String jti, Instant issuedAt) {
    return !em.createNativeQuery(
            "select 1 from token_revocation where expires_at > now() and"
                + " ((revocation_key = ?1 and not_before >= ?2) or revocation_key = ?3)")
        .setParameter(1, "sub:" + subject)
        .setParameter(2, Timestamp.from(issuedAt))
        .setParameter(3, "jti:" + jti)
        .getResultList()
        .isEmpty();
  }

  /**
   * Puts the database's revocations in force into the cache: all of them ({@code recent} null), or
   * those that took effect in the last {@code recent}. Throws when the cache cannot take one.
   *
   * @return how many were put
   */
  public int copyToCache(Duration recent) {
    // Recent by the database's clock, which wrote not_before: a node's own clock may be off.
    var query =
        em.createNativeQuery(
            "select revocation_key, not_before, expires_at from token_revocation"
                + " where expires_at > now()"
                + (recent == null ? "" : " and not_before > now() - make_interval(secs => ?1)"));
    if (recent != null) {
      query.setParameter(1, (double) recent.toSeconds());
    }
    var rows = query.getResultList();
    for (Object row : rows) {
      Object[] columns = (Object[]) row;
      cache.put((String) columns[0], SqlValues.instant(columns[1]), SqlValues.instant(columns[2]));
    }
    return rows.size();
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
    // The row is the truth; the cache learns it once it is committed (a rolled-back change
    // revokes nothing). If the cache cannot take it, this node stops trusting the cache until it
    // is copied again, and every node copies recent revocations periodically.
    afterCommit.run(() -> cache.putOrDistrust(key, notBefore, expiresAt));
  }
}
