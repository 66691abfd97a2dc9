package in.pravesh.registration.api;

import in.pravesh.platform.BusinessException;
import in.pravesh.platform.QrCodes;
import in.pravesh.platform.api.Idempotency;
import in.pravesh.platform.api.security.RequestActor;
import in.pravesh.registration.application.NewRegistration;
import in.pravesh.registration.application.RegistrationBatches;
import in.pravesh.registration.application.RegistrationView;
import in.pravesh.registration.application.Registrations;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Registrations (api.md, Registrations and tickets). */
@Path("/registrations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Registrations")
public class RegistrationResource {

  @Inject Registrations registrations;
  @Inject RegistrationBatches batches;
  @Inject Idempotency idempotency;
  @Inject JsonWebToken token;
  @Inject RequestActor requestActor;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({"visitor", "volunteer", "admin"})
  @Operation(
      summary = "Register for a slot: 202 PENDING, the ticket follows within seconds",
      description = "Idempotency-Key: per caller and key for 24 hours, on every node.")
  @APIResponse(
      responseCode = "202",
      description = "Accepted: PENDING until its ticket is made ({\"registrationId\",\"status\"})",
      content = @Content(mediaType = "application/json"))
  public Response register(
      @NotNull @Valid RegistrationRequest body,
      @HeaderParam("Idempotency-Key") String idempotencyKey) {
    return idempotency.once(
        token.getSubject(),
        "POST /api/registrations",
        idempotencyKey,
        body,
        () -> {
          UUID id =
              batches.register(
                  Callers.of(token),
                  new NewRegistration(
                      slotId(body.slotId()),
                      body.name(),
                      body.partySize(),
                      body.email(),
                      body.consent()));
          return Response.accepted(Map.of("registrationId", id.toString(), "status", "PENDING"))
              .type(MediaType.APPLICATION_JSON)
              .build();
        });
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({"visitor", "volunteer", "admin"})
  @Operation(summary = "One registration (owner, volunteers, admins)")
  public RegistrationView get(@PathParam("id") String id) {
    return registrations.get(Callers.of(token), id(id));
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed({"visitor", "volunteer", "admin"})
  @Operation(summary = "Cancel: the ticket is revoked and the seats freed (owner, admins)")
  @APIResponse(responseCode = "204", description = "Cancelled (or already cancelled)")
  public Response cancel(@PathParam("id") String id) {
    registrations.cancel(Callers.of(token), id(id), requestActor.actor());
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/resend")
  @RolesAllowed({"visitor", "volunteer", "admin"})
  @Operation(summary = "Send the ticket again on its own channel")
  @APIResponse(responseCode = "202", description = "The ticket will be sent again")
  public Response resend(@PathParam("id") String id) {
    return resend(id, Map.of());
  }

  @POST
  @Path("/{id}/resend")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({"visitor", "volunteer", "admin"})
  @Operation(summary = "Send the ticket again ({\"channel\": \"sms\"|\"whatsapp\"} optional)")
  @APIResponse(responseCode = "202", description = "The ticket will be sent again")
  public Response resend(@PathParam("id") String id, Map<String, String> body) {
    String channel = body == null ? null : body.get("channel");
    if (channel != null && !channel.equals("sms") && !channel.equals("whatsapp")) {
      throw BusinessException.invalid("channel", "Channel is sms or whatsapp");
    }
    registrations.resend(Callers.of(token), id(id), channel, requestActor.actor());
    return Response.accepted().build();
  }

  @GET
  @Path("/{id}/ticket.png")
  @Produces("image/png")
  @RolesAllowed({"visitor", "volunteer", "admin"})
  @Operation(summary = "The ticket's QR code (404 while PENDING)")
  public Response ticketPng(@PathParam("id") String id) {
    return Response.ok(
            QrCodes.png(registrations.ticketToken(Callers.of(token), id(id))), "image/png")
        .header("Cache-Control", "private, max-age=300")
        .build();
  }

  static UUID id(String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw BusinessException.notFound("Registration");
    }
  }

  static UUID slotId(String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw BusinessException.invalid("slotId", "No such slot");
    }
  }
}
