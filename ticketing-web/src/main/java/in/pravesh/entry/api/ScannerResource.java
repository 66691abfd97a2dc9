package in.pravesh.entry.api;

import in.pravesh.entry.application.ScannerSnapshots;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What a scanner keeps to go on deciding without the network (api.md, Entry: offline). */
@Path("/scanner")
@Tag(name = "Entry")
public class ScannerResource {

  @Inject ScannerSnapshots snapshots;

  /** The snapshot's shape, for the OpenAPI document (the bytes are made by ScannerSnapshots). */
  @Schema(name = "ScannerSnapshot")
  public record SnapshotShape(
      EventPart event,
      String date,
      @Schema(description = "true: the whole day; false: only what changed since the cursor")
          boolean full,
      List<KeyPart> keys,
      List<GatePart> gates,
      @Schema(description = "Revoked tickets of today (in a delta: newly revoked)")
          List<String> revoked,
      @Schema(description = "Tickets inside (in a delta: those that came in since)")
          List<InsidePart> inside,
      @Schema(description = "Tickets admitted today (in a delta: those that changed since)")
          List<String> admitted,
      @Schema(description = "Only in a delta: tickets no longer inside") List<String> outside,
      @Schema(description = "Send it back as ?since= for the next delta") String cursor) {}

  public record EventPart(String id, String slug, String timeZone, boolean reentry) {}

  public record KeyPart(String kid, String publicKey) {}

  public record GatePart(String id, String name) {}

  public record InsidePart(String tid, String at, String gate) {}

  @GET
  @Path("/snapshot")
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({"volunteer", "admin"})
  @Operation(
      summary = "The event's offline snapshot for scanners, or with ?since={cursor} what changed",
      description =
          "The event's public keys, gates, today's revoked tickets, who is inside and who was"
              + " admitted today (in the event's time zone). With since: entries added and"
              + " removed since that cursor (they may repeat: apply them as sets); a cursor of"
              + " another day gives the whole snapshot (full: true). Gzip-compressed for clients"
              + " that accept it; the same bytes for every scanner until something changes.")
  @APIResponse(
      responseCode = "200",
      description = "The snapshot or the delta",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SnapshotShape.class)))
  public Response snapshot(
      @QueryParam("event") @NotBlank(message = "Name the event: ?event={slug}") @Size(max = 80)
          String event,
      @QueryParam("since") @Size(max = 12_000, message = "Not a cursor of this API") String since,
      @HeaderParam("Accept-Encoding") String acceptEncoding) {
    byte[] gzipped = snapshots.gzipped(event.strip(), since);
    Response.ResponseBuilder answer =
        acceptEncoding != null && acceptEncoding.toLowerCase().contains("gzip")
            ? Response.ok(gzipped).header("Content-Encoding", "gzip")
            : Response.ok(gunzip(gzipped));
    return answer
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Vary", "Accept-Encoding")
        .header("Cache-Control", "private, no-cache")
        .build();
  }

  private static byte[] gunzip(byte[] gzipped) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
