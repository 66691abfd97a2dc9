package in.pravesh.ticket.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A registration's ticket: its short code, its signed token, and whether it was revoked. */
@Entity
@Table(name = "ticket")
public class Ticket {

  @Version private int version;

  @Id private String id;

  @Column(name = "registration_id", nullable = false, unique = true)
  private UUID registrationId;

  @Column(name = "event_id", nullable = false)
  private UUID eventId;

  @Column(nullable = false)
  private String code;

  @Column(nullable = false)
  private String token;

  @Column(nullable = false)
  private String kid;

  @Column(name = "ticket_date", nullable = false)
  private LocalDate date;

  @Column(name = "party_size", nullable = false)
  private int partySize;

  @Column(name = "issued_at", nullable = false)
  private Instant issuedAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  protected Ticket() {}

  public Ticket(
      String id,
      UUID registrationId,
      UUID eventId,
      String code,
      String token,
      String kid,
      LocalDate date,
      int partySize,
      Instant issuedAt) {
    this.id = id;
    this.registrationId = registrationId;
    this.eventId = eventId;
    this.code = code;
    this.token = token;
    this.kid = kid;
    this.date = date;
    this.partySize = partySize;
    this.issuedAt = issuedAt;
  }

  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  /** A new ticket id: 9 random bytes (72 bits) as 12 base64url characters. */
  public static String newId() {
    byte[] bytes = new byte[9];
    RANDOM.nextBytes(bytes);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public void revoke(Instant now) {
    if (revokedAt == null) {
      revokedAt = now;
    }
  }

  public String id() {
    return id;
  }

  public UUID registrationId() {
    return registrationId;
  }

  public String code() {
    return code;
  }

  public String token() {
    return token;
  }

  public LocalDate date() {
    return date;
  }

  public Instant issuedAt() {
    return issuedAt;
  }

  public boolean revoked() {
    return revokedAt != null;
  }
}
