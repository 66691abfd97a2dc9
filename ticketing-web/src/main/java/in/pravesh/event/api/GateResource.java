package in.pravesh.event.api;

import in.pravesh.event.application.EventCatalog;
import in.pravesh.event.application.GateView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The gates of an event, for scanners (api.md, Entry). */
@Path("/gates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Entry")
public class GateResource {

  @Inject EventCatalog catalog;

  @GET
  @RolesAllowed({"volunteer", "admin"})
  @Operation(summary = "The gates of an event (volunteers)")
  public List<GateView> gates(
      @QueryParam("event") @NotBlank(message = "Name the event: ?event={slug}") String event) {
    return catalog.gates(event);
  }
}
