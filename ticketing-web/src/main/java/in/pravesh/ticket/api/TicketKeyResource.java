package in.pravesh.ticket.api;

import in.pravesh.platform.api.PublicSnapshots;
import in.pravesh.ticket.application.TicketKeyView;
import in.pravesh.ticket.application.TicketKeys;
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
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The keys that verify an event's tickets, for scanners offline (api.md, Events). */
@ApplicationScoped // one instance: injected once, not per request
@Path("/events/{slug}/ticket-key")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class TicketKeyResource {

  @Inject TicketKeys ticketKeys;
  @Inject PublicSnapshots snapshots;

  @GET
  @Operation(
      summary = "The public keys that verify this event's tickets offline (Ed25519, raw, base64)",
      description =
          "Answered from memory; a new or rotated key is seen at once on every node, an expiry"
              + " within 2 seconds. `ETag` and `If-None-Match` as for the events.")
  @APIResponse(
      responseCode = "200",
      description = "The keys",
      headers = {@Header(name = "ETag"), @Header(name = "Cache-Control")},
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Keys.class)))
  @APIResponse(responseCode = "304", description = "Not modified since the ETag sent")
  @APIResponse(responseCode = "404", description = "No such event (problem+json, not-found)")
  public Response ticketKeys(@PathParam("slug") String slug, @Context Request request) {
    return snapshots.answer(
        "ticket-key:" + slug, request, () -> Map.of("keys", ticketKeys.published(slug)));
  }

  /** The answer's shape, for the OpenAPI document. */
  public record Keys(List<TicketKeyView> keys) {}
}
