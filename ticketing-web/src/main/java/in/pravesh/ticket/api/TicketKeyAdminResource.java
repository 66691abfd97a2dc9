package in.pravesh.ticket.api;

import in.pravesh.audit.AuditLog;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.api.security.RequestActor;
import in.pravesh.ticket.application.TicketKeys;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Ticket key rotation (admins). Not in api.md; documented in OpenAPI: the next ticket is signed
 * with a new key, and the old key is still published until its tickets' dates have passed.
 */
@Path("/admin/events/{id}/ticket-key/rotate")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Admin")
public class TicketKeyAdminResource {

  @Inject TicketKeys keys;
  @Inject AuditLog audit;
  @Inject RequestActor requestActor;

  @POST
  @Operation(summary = "Rotate an event's ticket signing key (old tickets keep verifying)")
  public Response rotate(@PathParam("id") String id) {
    UUID eventId;
    try {
      eventId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw BusinessException.notFound("Event");
    }
    var retired = keys.rotate(eventId);
    audit.record(
        requestActor.actor(),
        "ticket-key.rotated",
        id,
        retired.map(kid -> "retired " + kid).orElse("no key yet"));
    Map<String, Object> body = new HashMap<>();
    body.put("retiredKid", retired.orElse(null));
    return Response.ok(body).build();
  }
}
