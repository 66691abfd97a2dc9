package in.pravesh.platform;

/**
 * The problem types of the HTTP contract (api.md, Conventions). One place names each failure, its
 * status and its title, so that services raise a type and the edge maps it, never the other way
 * round.
 */
public enum ProblemType {
  VALIDATION("validation", 400, "Invalid request"),
  UNAUTHORIZED("unauthorized", 401, "Authentication required"),
  FORBIDDEN("forbidden", 403, "Not allowed"),
  NOT_FOUND("not-found", 404, "Not found"),
  SLOT_FULL("slot-full", 409, "Slot is full"),
  ALREADY_REGISTERED("already-registered", 409, "Already registered"),
  REGISTRATION_CLOSED("registration-closed", 409, "Registration is closed"),
  ALREADY_ADMITTED("already-admitted", 409, "Already admitted"),
  /** An admin's change that what exists does not allow (seats taken, a name in use). */
  CONFLICT("conflict", 409, "Conflicts with what exists"),
  RATE_LIMITED("rate-limited", 429, "Too many requests"),
  OTP_INVALID("otp-invalid", 401, "Invalid or expired code"),
  IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 409, "Idempotency key reused"),
  PAYLOAD_TOO_LARGE("payload-too-large", 413, "Payload too large"),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
  TRY_AGAIN("try-again", 503, "Try again"),
  INTERNAL("internal", 500, "Internal error");

  private static final String PREFIX = "urn:pravesh:problem:";

  private final String name;
  private final int status;
  private final String title;

  ProblemType(String name, int status, String title) {
    this.name = name;
    this.status = status;
    this.title = title;
  }

  public String uri() {
    return PREFIX + name;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }
}
