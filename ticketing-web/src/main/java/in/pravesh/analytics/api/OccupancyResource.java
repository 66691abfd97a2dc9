package in.pravesh.analytics.api;

import in.pravesh.analytics.application.Occupancy;
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

/** People inside an event now, for the safety officer (api.md, Entry: occupancy). */
@Path("/admin/occupancy")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Admin")
public class OccupancyResource {

  @Inject Statistics statistics;

  @GET
  @Operation(
      summary =
          "People inside today (admitted or readmitted minus exited, in the event's time zone),"
              + " the event's maxInside (null: no limit), people in and out per gate (the gates"
              + " someone went through today)")
  public Occupancy occupancy(
      @QueryParam("event") @NotBlank(message = "Name the event: ?event={slug}") @Size(max = 80)
          String event) {
    return statistics.occupancy(event.strip());
  }
}
