package in.pravesh.ticket.api;

import in.pravesh.ticket.application.TicketKeyView;
import in.pravesh.ticket.application.TicketKeys;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The keys that verify an event's tickets, for scanners offline (api.md, Events). */
@Path("/events/{slug}/ticket-key")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class TicketKeyResource {

  @Inject TicketKeys ticketKeys;

  @GET
  @Operation(
      summary = "The public keys that verify this event's tickets offline (Ed25519, raw, base64)")
  public Map<String, List<TicketKeyView>> ticketKeys(@PathParam("slug") String slug) {
    return Map.of("keys", ticketKeys.published(slug));
  }
}
