package in.pravesh.registration.api;

import in.pravesh.platform.api.Idempotency;
import in.pravesh.platform.api.security.RequestActor;
import in.pravesh.registration.application.Broadcasts;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Broadcasts to a slot's active registrants (api.md, Admin). */
@Path("/admin/broadcasts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Admin")
public class BroadcastResource {

  @Inject Broadcasts broadcasts;
  @Inject Idempotency idempotency;
  @Inject RequestActor requestActor;
  @Inject JsonWebToken token;

  /** The body: the slot, and the message (it goes inside the approved broadcast template). */
  public record BroadcastRequest(
      @NotBlank(message = "Choose a slot") String slotId,
      @NotBlank(message = "A message is required")
          @Size(max = 320, message = "At most 320 characters")
          String message) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Send a message to every active registrant of a slot (for example a rain closure)",
      description =
          "One message per registrant, on their ticket's channel, counted in the broadcast budget"
              + " of the hour (over it, messages wait for the next hour). Idempotency-Key"
              + " accepted; a few broadcasts per admin and hour.")
  @APIResponse(
      responseCode = "202",
      description = "Queued",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Broadcasts.BroadcastView.class)))
  public Response send(
      @NotNull @Valid BroadcastRequest body,
      @HeaderParam("Idempotency-Key") String idempotencyKey) {
    return idempotency.once(
        token.getSubject(),
        "POST /api/admin/broadcasts",
        idempotencyKey,
        body,
        () ->
            Response.accepted(
                    broadcasts.send(
                        RegistrationResource.slotId(body.slotId()),
                        body.message(),
                        idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey,
                        Callers.of(token),
                        requestActor.actor()))
                .type(MediaType.APPLICATION_JSON)
                .build());
  }
}
