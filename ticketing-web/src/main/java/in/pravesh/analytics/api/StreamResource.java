package in.pravesh.analytics.api;

import in.pravesh.analytics.application.LiveStats;
import in.pravesh.identity.api.Sessions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An event's numbers, live, as Server-Sent Events (api.md, Admin). */
@Path("/admin/stream")
@RolesAllowed("admin")
@Tag(name = "Admin")
public class StreamResource {

  private static final long RECONNECT_MS = 2_000;

  @Inject LiveStats live;
  @Inject Sessions sessions;

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(
      summary =
          "Events 'occupancy' (the object of GET /api/admin/occupancy) and 'stats' (the object of"
              + " GET /api/admin/stats, with the pair's id) at once, then whenever the numbers"
              + " change (at most a few a second); Last-Event-ID skips a snapshot already seen")
  public void stream(
      @QueryParam("event") @NotBlank(message = "Name the event: ?event={slug}") @Size(max = 80)
          String event,
      @HeaderParam("Last-Event-ID") @Size(max = 100) String lastEventId,
      @Context SecurityContext security,
      @Context SseEventSink sink,
      @Context Sse sse) {
    JsonWebToken token = (JsonWebToken) security.getUserPrincipal();
    live.subscribe(event.strip(), lastEventId, new SinkListener(sink, sse, token, sessions));
  }

  /** An SSE sink as a listener; it stops being allowed when its token expires or is revoked. */
  private record SinkListener(SseEventSink sink, Sse sse, JsonWebToken token, Sessions sessions)
      implements LiveStats.Watcher {

    @Override
    public CompletionStage<?> send(LiveStats.Snapshot snapshot, Executor later) {
      // The occupancy first, without an id, then the stats with the pair's id: a listener cut off
      // between the two reconnects with the previous id and gets both again. The second is sent
      // once the first is written, on a managed thread (not the I/O thread that completed it).
      return sink.send(
              sse.newEventBuilder()
                  .name("occupancy")
                  .mediaType(MediaType.APPLICATION_JSON_TYPE)
                  .data(String.class, snapshot.occupancyJson())
                  .build())
          .thenComposeAsync(
              sent ->
                  sink.send(
                      sse.newEventBuilder()
                          .name("stats")
                          .id(snapshot.id())
                          .reconnectDelay(RECONNECT_MS)
                          .mediaType(MediaType.APPLICATION_JSON_TYPE)
                          .data(String.class, snapshot.json())
                          .build()),
              later);
    }

    @Override
    public CompletionStage<?> keepAlive() {
      return sink.send(sse.newEventBuilder().comment("keep-alive").build());
    }

    @Override
    public boolean allowed() {
      return Instant.now().getEpochSecond() < token.getExpirationTime() && !sessions.revoked(token);
    }

    @Override
    public boolean closed() {
      return sink.isClosed();
    }

    @Override
    public void close() {
      sink.close();
    }
  }
}
