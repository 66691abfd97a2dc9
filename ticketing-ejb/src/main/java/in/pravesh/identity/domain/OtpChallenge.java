package in.pravesh.identity.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One OTP sent to one phone: valid five minutes, single use, dead after five wrong attempts or when
 * a newer code is sent ({@code OtpLogin}). Attempts are made on a row read under its lock. Only the
 * code's keyed hash is stored, and it is compared in constant time.
 */
@Entity
@Table(name = "otp_challenge")
public class OtpChallenge {

  public static final Duration LIFETIME = Duration.ofMinutes(5);

  /** Wrong codes from one client address after which the code stops working for that address. */
  public static final int MAX_WRONG_PER_ADDRESS = 5;

  /** Wrong codes in all after which the code is dead: the backstop against many addresses. */
  public static final int MAX_ATTEMPTS = 20;

  /** What a verification attempt did. */
  public enum Outcome {
    VERIFIED,
    WRONG_CODE,
    UNUSABLE
  }

  @Id private UUID id;

  @Version private int version;

  @Column(nullable = false)
  private String phone;

  @Column(name = "code_hash", nullable = false)
  private String codeHash;

  @Column(nullable = false)
  private String channel;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(nullable = false)
  private int attempts;

  @Column(name = "consumed_at")
  private Instant consumedAt;

  @Column(nullable = false)
  private boolean dead;

  protected OtpChallenge() {}

  public OtpChallenge(PhoneNumber phone, String codeHash, String channel, Instant now) {
    this.id = UUID.randomUUID();
    this.phone = phone.e164();
    this.codeHash = codeHash;
    this.channel = channel;
    this.createdAt = now;
    this.expiresAt = now.plus(LIFETIME);
  }

  /**
   * Checks a code's hash; a wrong one counts against the challenge, a right one uses it up. Five
   * wrong codes from one address end the code for that address (the phone's owner, elsewhere, can
   * still use it); twenty in all kill it.
   *
   * @param wrongFromHere wrong codes already tried from the caller's address
   */
  public Outcome attempt(String candidateHash, Instant now, int wrongFromHere) {
    if (!usable(now) || wrongFromHere >= MAX_WRONG_PER_ADDRESS) {
      return Outcome.UNUSABLE;
    }
    boolean matches =
        MessageDigest.isEqual(
            codeHash.getBytes(StandardCharsets.US_ASCII),
            candidateHash.getBytes(StandardCharsets.US_ASCII));
    if (matches) {
      consumedAt = now;
      return Outcome.VERIFIED;
    }
    attempts++;
    if (attempts >= MAX_ATTEMPTS) {
      dead = true;
    }
    return Outcome.WRONG_CODE;
  }

  public UUID id() {
    return id;
  }

  public boolean usable(Instant now) {
    return !dead && consumedAt == null && now.isBefore(expiresAt);
  }

  public int attempts() {
    return attempts;
  }

  public Instant expiresAt() {
    return expiresAt;
  }
}
