package in.pravesh.platform.ratelimit;

import in.pravesh.platform.BusinessException;
import in.pravesh.platform.ProblemType;
import java.util.Map;

/** 429: the caller must wait {@link #retryAfterSeconds()} (sent as Retry-After). */
public class RateLimitedException extends BusinessException {

  private final long retryAfterSeconds;

  public RateLimitedException(String detail, long retryAfterSeconds) {
    super(ProblemType.RATE_LIMITED, detail, Map.of("retryAfterSeconds", retryAfterSeconds));
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
