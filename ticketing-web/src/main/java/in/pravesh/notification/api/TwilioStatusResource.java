package in.pravesh.notification.api;

import in.pravesh.notification.application.DeliveryReports;
import in.pravesh.notification.application.TwilioSignatures;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.ProblemType;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Twilio's signed delivery reports (api.md, WhatsApp: POST /api/twilio/status). */
@Path("/twilio/status")
@Tag(name = "WhatsApp")
public class TwilioStatusResource {

  @Inject DeliveryReports reports;
  @Inject TwilioSignatures twilio;

  @POST
  @PermitAll
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "Twilio status callback (X-Twilio-Signature checked first; 403 without)")
  @APIResponse(responseCode = "204", description = "Applied (or ignored: an unknown message)")
  public Response report(
      MultivaluedMap<String, String> form,
      @HeaderParam("X-Twilio-Signature") String signature,
      @QueryParam("mid") String messageId,
      @Context UriInfo uri) {
    Map<String, String> parameters = new HashMap<>();
    form.forEach((name, values) -> parameters.put(name, values.isEmpty() ? "" : values.get(0)));
    // Twilio signs the URL it was given, our message id included.
    String query = uri.getRequestUri().getRawQuery();
    if (!twilio.signed(
        "/api/twilio/status" + (query == null ? "" : "?" + query), parameters, signature)) {
      throw new BusinessException(ProblemType.FORBIDDEN, "Not signed by Twilio");
    }
    reports.report(parameters.get("MessageSid"), parameters.get("MessageStatus"), messageId);
    return Response.noContent().build();
  }
}
