package in.pravesh.registration.domain;

import in.pravesh.event.domain.Slot;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A party's place in a slot: PENDING until its ticket is made, then TICKETED, or CANCELLED. */
@Entity
@Table(name = "registration")
public class Registration {

  /** Where a registration came from. */
  public enum Channel {
    WEB,
    WHATSAPP,
    VOLUNTEER
  }

  /** Its life. */
  public enum Status {
    PENDING,
    TICKETED,
    CANCELLED
  }

  @Version private int version;

  @Id private UUID id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "slot_id")
  private Slot slot;

  @Column(name = "person_id")
  private UUID personId;

  private String phone;
  private String name;
  private String email;

  @Column(name = "party_size", nullable = false)
  private int partySize;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Channel channel;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;

  @Column(name = "from_online", nullable = false)
  private int fromOnline;

  @Column(name = "from_reserve", nullable = false)
  private int fromReserve;

  @Column(name = "consent_at")
  private Instant consentAt;

  @Column(name = "consent_channel")
  private String consentChannel;

  @Column(name = "created_by")
  private UUID createdBy;

  /** How the ticket goes out: sms, whatsapp, or none (shown at a desk); null: by the channel. */
  private String deliver;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "cancelled_at")
  private Instant cancelledAt;

  protected Registration() {}

  public Registration(
      Slot slot,
      UUID personId,
      String phone,
      String name,
      String email,
      int partySize,
      Channel channel,
      int fromOnline,
      int fromReserve,
      UUID createdBy,
      Instant now) {
    this.id = UUID.randomUUID();
    this.slot = slot;
    this.personId = personId;
    this.phone = phone;
    this.name = name;
    this.email = email;
    this.partySize = partySize;
    this.channel = channel;
    this.status = Status.PENDING;
    this.fromOnline = fromOnline;
    this.fromReserve = fromReserve;
    this.consentAt = now;
    this.consentChannel = channel.name();
    this.createdBy = createdBy;
    this.createdAt = now;
  }

  /** Consent given before the registration was made (confirmed in a chat, made by a job). */
  public void consentGivenAt(Instant at) {
    this.consentAt = at;
  }

  /** A walk-in's ticket delivery ({@code sms}, {@code whatsapp} or {@code none}). */
  public void deliverBy(String deliver) {
    this.deliver = deliver;
  }

  /** The pools a walk-in's seats came from, once the slot has given them. */
  public void seatsFrom(int fromOnline, int fromReserve) {
    if (fromOnline + fromReserve != partySize) {
      throw new IllegalArgumentException("the seats taken must be the party's");
    }
    this.fromOnline = fromOnline;
    this.fromReserve = fromReserve;
  }

  /**
   * The channel the ticket is sent on when it is made: the one asked for at a desk, else WhatsApp
   * for WhatsApp registrations and SMS for the rest; empty when it is only shown (or nobody has a
   * phone to send it to).
   */
  public java.util.Optional<String> ticketChannel() {
    if (phone == null || "none".equals(deliver)) {
      return java.util.Optional.empty();
    }
    if (deliver != null) {
      return java.util.Optional.of(deliver);
    }
    return java.util.Optional.of(channel == Channel.WHATSAPP ? "whatsapp" : "sms");
  }

  public void ticketed() {
    if (status == Status.PENDING) {
      status = Status.TICKETED;
    }
  }

  /** Cancels; returns whether it was active (its seats must go back). */
  public boolean cancel(Instant now) {
    if (status == Status.CANCELLED) {
      return false;
    }
    status = Status.CANCELLED;
    cancelledAt = now;
    return true;
  }

  /** Consent withdrawn: the person's data goes, the counts stay. */
  public void erasePersonalData() {
    personId = null;
    phone = null;
    name = null;
    email = null;
  }

  public boolean isActive() {
    return status != Status.CANCELLED;
  }

  public UUID id() {
    return id;
  }

  public Slot slot() {
    return slot;
  }

  public UUID personId() {
    return personId;
  }

  public String phone() {
    return phone;
  }

  public String name() {
    return name;
  }

  public int partySize() {
    return partySize;
  }

  public Channel channel() {
    return channel;
  }

  public Status status() {
    return status;
  }

  public int fromOnline() {
    return fromOnline;
  }

  public int fromReserve() {
    return fromReserve;
  }

  public UUID createdBy() {
    return createdBy;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
