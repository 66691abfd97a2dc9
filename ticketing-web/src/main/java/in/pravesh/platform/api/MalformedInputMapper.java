package in.pravesh.platform.api;

import in.pravesh.platform.ProblemType;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A body that cannot be read: malformed JSON, a value of the wrong type, or a body over the route's
 * limit found while reading it. The provider wraps the cause, so it is looked for in the chain.
 */
@Provider
public class MalformedInputMapper implements ExceptionMapper<ProcessingException> {

  @Override
  public Response toResponse(ProcessingException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof BodyLimitFilter.TooLargeException tooLarge) {
        return Problems.response(ProblemType.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
      }
      if (cause instanceof JsonParsingException || cause instanceof JsonbException) {
        return Problems.response(
            ProblemType.VALIDATION, "The body is not valid JSON for this route");
      }
    }
    return Problems.response(ProblemType.VALIDATION, "The body could not be read");
  }
}
