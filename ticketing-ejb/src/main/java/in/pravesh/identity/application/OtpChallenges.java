package in.pravesh.identity.application;

import in.pravesh.identity.domain.OtpChallenge;
import in.pravesh.identity.domain.PhoneNumber;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;

/** The OTP challenges of a phone: a new one replaces the live ones, in one short transaction. */
@Stateless
public class OtpChallenges {

  @PersistenceContext EntityManager em;

  /** Opens a challenge for a code's hash; the phone's earlier codes stop working. */
  public void open(PhoneNumber phone, String codeHash, String channel, Instant now) {
    // One statement, so that a guess being counted on a live code is never overwritten.
    em.createNativeQuery(
            "update otp_challenge set dead = true, version = version + 1 where phone = ?1"
                + " and not dead and consumed_at is null and expires_at > ?2")
        .setParameter(1, phone.e164())
        .setParameter(2, Timestamp.from(now))
        .executeUpdate();
    em.persist(new OtpChallenge(phone, codeHash, channel, now));
  }
}
