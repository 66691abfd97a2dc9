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
   * The last name of the path: {@code register.arg0.partySize} is reported as {@code partySize};
   * within a list, with the item's index: {@code batch.arg0.scans[3].key} as {@code scans[3].key}
   * (a client sending many items learns which one).
   */
  static String field(Path path) {
    String field = "request";
    String previous = null;
    for (Path.Node node : path) {
      String name = node.getName();
      if (name == null || name.startsWith("arg")) {
        continue;
      }
      boolean item = node.isInIterable() && node.getIndex() != null && previous != null;
      if (name.startsWith("<")) {
        // The item itself (<list element>): the list's name and the index.
        field = item ? previous + "[" + node.getIndex() + "]" : field;
        continue;
      }
      field = item ? previous + "[" + node.getIndex() + "]." + name : name;
      previous = name;
    }
    return field;
  }
}
