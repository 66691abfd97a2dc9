package in.pravesh.whatsapp.domain;

import in.pravesh.platform.Texts.Language;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A conversation confirmed with YES: what a job makes into a registration. Its state changes only
 * under its row lock (read with {@code PESSIMISTIC_WRITE}) and only from PENDING, so a job
 * delivered again does nothing more.
 */
@Entity
@Table(name = "whatsapp_submission")
public class Submission {

  /** How far the job has got. */
  public enum State {
    PENDING,
    DONE,
    REFUSED
  }

  @Id private UUID id;

  @Column(nullable = false)
  private String phone;

  @Column(name = "slot_id", nullable = false)
  private UUID slotId;

  @Column(nullable = false)
  private String name;

  @Column(name = "party_size", nullable = false)
  private int partySize;

  @Column(nullable = false)
  private String language;

  @Column(name = "consent_at", nullable = false)
  private Instant consentAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private State state;

  /** The problem type of a refusal ({@code SLOT_FULL}, ...). */
  private String refusal;

  @Column(name = "registration_id")
  private UUID registrationId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Submission() {}

  /** YES to the summary of this conversation, at {@code now} (consent given then). */
  public Submission(Conversation conversation, Language language, Instant now) {
    this.id = UUID.randomUUID();
    this.phone = conversation.phone();
    this.slotId = conversation.slotId();
    this.name = conversation.name();
    this.partySize = conversation.partySize();
    this.language = language.code();
    this.consentAt = now;
    this.state = State.PENDING;
    this.createdAt = now;
  }

  public boolean pending() {
    return state == State.PENDING;
  }

  public void done(UUID registrationId) {
    this.state = State.DONE;
    this.registrationId = registrationId;
  }

  public void refuse(String problemType) {
    this.state = State.REFUSED;
    this.refusal = problemType;
  }

  public UUID id() {
    return id;
  }

  public String phone() {
    return phone;
  }

  public UUID slotId() {
    return slotId;
  }

  public String name() {
    return name;
  }

  public int partySize() {
    return partySize;
  }

  public Language language() {
    return Language.of(language);
  }

  public Instant consentAt() {
    return consentAt;
  }

  public State state() {
    return state;
  }

  public Optional<String> refusal() {
    return Optional.ofNullable(refusal);
  }
}
