package in.pravesh.analytics.api;

import in.pravesh.analytics.application.EntryConflict;
import in.pravesh.analytics.application.Statistics;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tickets that got in twice while scanners were offline (api.md, Entry: offline scanning). */
@Path("/admin/conflicts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Admin")
public class ConflictResource {

  @Inject Statistics statistics;

  @GET
  @Operation(
      summary =
          "Entry conflicts, newest first (at most 1,000): kind TWICE, a ticket that got in twice"
              + " (first: the admission that stands; second: the offline admission found after"
              + " it; gate, device, volunteer, time); kind REVOKED, a ticket an offline scanner"
              + " let in after it was revoked (first: the revocation, its time only; second: the"
              + " offline admission)")
  public List<EntryConflict> conflicts(
      @QueryParam("event") @NotBlank(message = "Name the event: ?event={slug}") @Size(max = 80)
          String event) {
    return statistics.conflicts(event.strip());
  }
}
