package in.pravesh.platform.api;

import in.pravesh.platform.ProblemType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.TreeMap;

/** Bean Validation failures: 400 with one message per field under {@code errors}. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

  @Override
  public Response toResponse(ConstraintViolationException e) {
    Map<String, String> errors = new TreeMap<>();
    for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
      errors.merge(field(violation.getPropertyPath()), violation.getMessage(), (a, b) -> a);
    }
    return Problems.response(
        ProblemType.VALIDATION, "Some fields are not valid", Map.of("errors", errors));
  }

  /**
   * The last name of the path: {@code register.arg0.partySize} is reported as {@code partySize}.
   */
  static String field(Path path) {
    String field = "request";
    for (Path.Node node : path) {
      if (node.getName() != null && !node.getName().startsWith("arg")) {
        field = node.getName();
      }
    }
    return field;
  }
}
