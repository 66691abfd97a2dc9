package in.pravesh.analytics.api;

import in.pravesh.analytics.application.EventStats;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An event's numbers for admins (api.md, Admin). */
@Path("/admin/stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Admin")
public class StatsResource {

  @Inject Statistics statistics;

  @GET
  @Operation(
      summary =
          "Registrations by channel and slot date, tickets pending and issued, entries by gate"
              + " and hour (in the event's time zone)")
  public EventStats stats(
      @QueryParam("event") @NotBlank(message = "Name the event: ?event={slug}") @Size(max = 80)
          String event) {
    return statistics.of(event.strip());
  }
}
