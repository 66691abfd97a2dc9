package in.pravesh.platform;

import jakarta.ejb.ApplicationException;
import java.util.Map;

/**
 * An expected failure of a use case. It rolls the transaction back and reaches the client as the
 * problem of its {@link ProblemType}, with its extension members (for example {@code remaining}).
 */
@ApplicationException(rollback = true)
public class BusinessException extends RuntimeException {

  private final ProblemType type;
  private final Map<String, Object> extensions;

  public BusinessException(ProblemType type, String detail) {
    this(type, detail, Map.of());
  }

  public BusinessException(ProblemType type, String detail, Map<String, Object> extensions) {
    super(detail, null, false, false);
    this.type = type;
    this.extensions = Map.copyOf(extensions);
  }

  public ProblemType type() {
    return type;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }

  /** A 400 validation problem naming one field, as Bean Validation's are reported. */
  public static BusinessException invalid(String field, String message) {
    return new BusinessException(
        ProblemType.VALIDATION,
        "Some fields are not valid",
        Map.of("errors", Map.of(field, message)));
  }

  public static BusinessException notFound(String what) {
    return new BusinessException(ProblemType.NOT_FOUND, what + " not found");
  }
}
