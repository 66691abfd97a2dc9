package in.pravesh.entry.api;

import in.pravesh.event.application.EventCatalog;
import in.pravesh.staff.application.StaffDirectory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The gates of an event, for scanners (api.md, Entry): the caller's own gate, when an admin
 * assigned one, is marked {@code assigned}, and a scanner starts on it; scans elsewhere are allowed
 * and recorded as made away from the assigned gate.
 */
@Path("/gates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Entry")
public class GateResource {

  @Inject EventCatalog catalog;
  @Inject StaffDirectory staff;
  @Inject JsonWebToken token;

  /** A gate as a scanner sees it. */
  public record ScannerGate(String id, String name, boolean assigned) {}

  @GET
  @RolesAllowed({"volunteer", "admin"})
  @Operation(
      summary = "The gates of an event still in use (volunteers); the caller's own is assigned")
  public List<ScannerGate> gates(
      @QueryParam("event") @NotBlank(message = "Name the event: ?event={slug}") String event) {
    Optional<UUID> assigned = staff.gateOf(token.getClaim("phone"));
    return catalog.gates(event).stream()
        .map(
            gate ->
                new ScannerGate(
                    gate.id(),
                    gate.name(),
                    assigned.map(id -> id.toString().equals(gate.id())).orElse(false)))
        .toList();
  }
}
