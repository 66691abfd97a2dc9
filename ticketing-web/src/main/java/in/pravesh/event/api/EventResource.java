package in.pravesh.event.api;

import in.pravesh.event.application.EventCatalog;
import in.pravesh.event.application.EventView;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Public event listing (api.md, Events). */
@Path("/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class EventResource {

  @Inject EventCatalog catalog;

  @GET
  @Operation(
      summary = "Current and upcoming events with their slots and remaining online seats",
      description = "Events whose last day has not passed in their own time zone, soonest first.")
  public List<EventView> list() {
    return catalog.currentAndUpcoming();
  }

  @GET
  @Path("/{slug}")
  @Operation(summary = "One event by its slug")
  @APIResponse(responseCode = "200", description = "The event")
  @APIResponse(responseCode = "404", description = "No such event (problem+json, not-found)")
  public EventView bySlug(@PathParam("slug") String slug) {
    return catalog.bySlug(slug);
  }
}
