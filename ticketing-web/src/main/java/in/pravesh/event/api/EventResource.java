package in.pravesh.event.api;

import in.pravesh.event.application.EventCatalog;
import in.pravesh.event.application.EventView;
import in.pravesh.platform.api.PublicSnapshots;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Public event listing (api.md, Events), answered from memory ({@link PublicSnapshots}). */
@ApplicationScoped // one instance: injected once, not per request
@Path("/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class EventResource {

  static final String FRESHNESS =
      " Answered from memory: `remaining` may be up to 5 seconds stale (the server keeps the answer"
          + " 2 seconds, `Cache-Control: public, max-age=2` lets browsers and a CDN keep it as"
          + " long); a change of the events themselves is seen at once. Send `If-None-Match` with"
          + " the `ETag` to be answered 304 when nothing changed.";

  @Inject EventCatalog catalog;
  @Inject PublicSnapshots snapshots;

  @GET
  @Operation(
      summary = "Current and upcoming events with their slots and remaining online seats",
      description =
          "Events whose last day has not passed in their own time zone, soonest first." + FRESHNESS)
  @APIResponse(
      responseCode = "200",
      description = "The events",
      headers = {@Header(name = "ETag"), @Header(name = "Cache-Control")},
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(type = SchemaType.ARRAY, implementation = EventView.class)))
  @APIResponse(responseCode = "304", description = "Not modified since the ETag sent")
  public Response list(@Context Request request) {
    return snapshots.answer("events", request, catalog::currentAndUpcoming);
  }

  @GET
  @Path("/{slug}")
  @Operation(summary = "One event by its slug", description = FRESHNESS)
  @APIResponse(
      responseCode = "200",
      description = "The event",
      headers = {@Header(name = "ETag"), @Header(name = "Cache-Control")},
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = EventView.class)))
  @APIResponse(responseCode = "304", description = "Not modified since the ETag sent")
  @APIResponse(responseCode = "404", description = "No such event (problem+json, not-found)")
  public Response bySlug(@PathParam("slug") String slug, @Context Request request) {
    return snapshots.answer("event:" + slug, request, () -> catalog.bySlug(slug));
  }
}
