package in.pravesh.platform.api;

import in.pravesh.platform.ProblemType;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * What JAX-RS itself refuses (unknown route, wrong method, wrong content type, bad parameter), as
 * problem+json instead of the container's HTML or empty answers.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    return switch (status) {
      case 404 -> Problems.response(ProblemType.NOT_FOUND, "No such resource");
      case 405 -> methodNotAllowed((NotAllowedException) e);
      case 413 -> Problems.response(ProblemType.PAYLOAD_TOO_LARGE, e.getMessage());
      case 415 ->
          Problems.response(
              ProblemType.UNSUPPORTED_MEDIA_TYPE,
              "This route does not take that content type; send application/json"
                  + " (photo scans: multipart/form-data)");
      case 401 -> Problems.response(ProblemType.UNAUTHORIZED, "Log in first");
      case 403 -> Problems.response(ProblemType.FORBIDDEN, "Not allowed for your role");
      case 406 ->
          Problems.builder(
                  ProblemType.VALIDATION, 406, "This route answers application/json", Map.of())
              .build();
      default ->
          status >= 500
              ? new UnexpectedFailureMapper().toResponse(e)
              : Problems.response(ProblemType.VALIDATION, "The request is not valid");
    };
  }

  // The contract has no type of its own for 405: it is a "no such route" for this method, with
  // Allow.
  private static Response methodNotAllowed(NotAllowedException e) {
    return Problems.builder(
            ProblemType.NOT_FOUND, 405, "This route does not take that method", Map.of())
        .header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW))
        .build();
  }
}
