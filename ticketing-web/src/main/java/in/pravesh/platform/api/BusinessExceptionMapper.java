package in.pravesh.platform.api;

import in.pravesh.platform.BusinessException;
import in.pravesh.platform.ratelimit.RateLimitedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Expected failures of the use cases: their own problem type and extension members. */
@Provider
public class BusinessExceptionMapper implements ExceptionMapper<BusinessException> {

  @Override
  public Response toResponse(BusinessException e) {
    var response = Problems.builder(e.type(), e.getMessage(), e.extensions());
    if (e instanceof RateLimitedException limited) {
      response.header("Retry-After", limited.retryAfterSeconds());
    }
    return response.build();
  }
}
