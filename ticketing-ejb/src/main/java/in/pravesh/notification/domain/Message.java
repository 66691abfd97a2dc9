package in.pravesh.notification.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * One message to one person (OTP, ticket, reminder, broadcast) and its delivery state, which only
 * moves forward: QUEUED, SENT, then DELIVERED or FAILED (a late or repeated report changes
 * nothing).
 */
@Entity
@Table(name = "message")
public class Message {

  /** Delivery states, as in api.md (Messages), in the order they are reached. */
  public enum State {
    QUEUED,
    SENT,
    DELIVERED,
    FAILED;

    boolean isFinal() {
      return this == DELIVERED || this == FAILED;
    }
  }

  @Id private UUID id;

  @Version private int version;

  @Column(name = "job_id")
  private String jobId;

  @Column(nullable = false)
  private String kind;

  @Column(nullable = false)
  private String channel;

  @Column(nullable = false)
  private String recipient;

  @Column(nullable = false)
  private String body;

  @Column(name = "media_url")
  private String mediaUrl;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private State state;

  @Column(nullable = false)
  private String provider;

  @Column(name = "provider_id")
  private String providerId;

  @Column(nullable = false)
  private int attempts;

  @Column(name = "registration_id")
  private UUID registrationId;

  @Column(name = "next_attempt_at")
  private Instant nextAttemptAt;

  @Column(name = "last_error")
  private String lastError;

  @Column(name = "content_sid")
  private String contentSid;

  @Column(name = "content_variables")
  private String contentVariables;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected Message() {}

  public Message(
      String kind,
      String channel,
      String recipient,
      String body,
      String mediaUrl,
      String provider,
      Instant now) {
    this.id = UUID.randomUUID();
    this.kind = kind;
    this.channel = channel;
    this.recipient = recipient;
    this.body = body;
    this.mediaUrl = mediaUrl;
    this.provider = provider;
    this.state = State.QUEUED;
    this.createdAt = now;
    this.updatedAt = now;
  }

  public void belongsTo(UUID registrationId) {
    this.registrationId = registrationId;
  }

  public void template(String contentSid, String contentVariablesJson) {
    this.contentSid = contentSid;
    this.contentVariables = contentVariablesJson;
  }

  /** The job that sends it, and when it is due again unless its outcome is recorded first. */
  public void fromJob(String jobId, Instant dueAgainAt) {
    this.jobId = jobId;
    this.nextAttemptAt = dueAgainAt;
  }

  /** Not to be sent before {@code dueAt}, for the reason given (an hourly budget used up). */
  public void waitFor(String reason, Instant dueAt) {
    this.lastError = reason;
    this.nextAttemptAt = dueAt;
  }

  /**
   * The provider could not take it now (or may have): kept QUEUED, tried again from {@code next}.
   */
  public void park(String error, Instant now, Instant next) {
    this.attempts++;
    this.lastError = error == null ? null : error.substring(0, Math.min(300, error.length()));
    this.updatedAt = now;
    if (state == State.QUEUED) {
      this.nextAttemptAt = next;
    }
  }

  /** A delivery report from the provider: only a later state counts. */
  public void reported(State reported, String providerId, Instant now) {
    if (this.providerId == null) {
      this.providerId = providerId;
    }
    if (!state.isFinal() && reported.ordinal() > state.ordinal()) {
      this.state = reported;
      this.nextAttemptAt = null;
      this.updatedAt = now;
    }
  }

  public String kind() {
    return kind;
  }

  public String jobId() {
    return jobId;
  }

  public UUID registrationId() {
    return registrationId;
  }

  public String contentSid() {
    return contentSid;
  }

  public String contentVariables() {
    return contentVariables;
  }

  public int attempts() {
    return attempts;
  }

  /** The provider took the message. */
  public void sent(String providerId, Instant now) {
    if (this.providerId == null) {
      this.providerId = providerId;
    }
    if (state == State.QUEUED) {
      this.state = State.SENT;
    }
    this.nextAttemptAt = null;
    this.attempts++;
    this.updatedAt = now;
  }

  /** The provider refused it for good. */
  public void failed(Instant now) {
    if (state == State.QUEUED) {
      this.state = State.FAILED;
    }
    this.nextAttemptAt = null;
    this.attempts++;
    this.updatedAt = now;
  }

  public UUID id() {
    return id;
  }

  public String channel() {
    return channel;
  }

  public String recipient() {
    return recipient;
  }

  public String body() {
    return body;
  }

  public String mediaUrl() {
    return mediaUrl;
  }

  public State state() {
    return state;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
