package in.pravesh.platform.api;

import in.pravesh.platform.BusinessException;
import in.pravesh.platform.ProblemType;
import jakarta.ejb.EJBException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/**
 * Everything else. An EJB wraps system exceptions, so known failures are first unwrapped and sent
 * to their own mapper; what is left is a 500 whose {@code incidentId} is logged with the stack
 * trace, which never reaches the client.
 */
@Provider
public class UnexpectedFailureMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedFailureMapper.class.getName());

  @Override
  public Response toResponse(Throwable e) {
    Throwable cause = e;
    while (cause instanceof EJBException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof BusinessException business) {
      return new BusinessExceptionMapper().toResponse(business);
    }
    if (cause instanceof ConstraintViolationException violations) {
      return new ConstraintViolationMapper().toResponse(violations);
    }
    for (Throwable c = cause; c != null; c = c.getCause()) {
      if (c instanceof BodyLimitFilter.TooLargeException tooLarge) {
        return Problems.response(ProblemType.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
      }
    }
    if (cause instanceof BulkheadException) {
      return Problems.response(ProblemType.TRY_AGAIN, "The server is busy; try again in a moment");
    }
    if (cause instanceof ProcessingException processing) {
      return new MalformedInputMapper().toResponse(processing);
    }
    if (cause instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
      return new WebApplicationExceptionMapper().toResponse(web);
    }
    String incidentId = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "Incident " + incidentId + ": unexpected failure", e);
    return Problems.response(
        ProblemType.INTERNAL,
        "Something went wrong on our side. Quote the incident id if you report it.",
        Map.of("incidentId", incidentId));
  }
}
