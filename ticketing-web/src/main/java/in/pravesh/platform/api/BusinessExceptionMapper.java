package in.pravesh.platform.api;

import in.pravesh.platform.BusinessException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Expected failures of the use cases: their own problem type and extension members. */
@Provider
public class BusinessExceptionMapper implements ExceptionMapper<BusinessException> {

  @Override
  public Response toResponse(BusinessException e) {
    return Problems.response(e.type(), e.getMessage(), e.extensions());
  }
}
