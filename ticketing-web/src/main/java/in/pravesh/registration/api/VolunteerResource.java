package in.pravesh.registration.api;

import in.pravesh.identity.application.IdentityConfig;
import in.pravesh.identity.domain.PhoneNumber;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.api.Idempotency;
import in.pravesh.platform.api.security.RequestActor;
import in.pravesh.registration.application.RegistrationView;
import in.pravesh.registration.application.Registrations;
import in.pravesh.registration.application.WalkIn;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The volunteer desks: walk-ins and the help desk (api.md, Entry). */
@Path("/volunteer")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"volunteer", "admin"})
@Tag(name = "Entry")
public class VolunteerResource {

  private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{9,15}");
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{8}");

  @Inject Registrations registrations;
  @Inject Idempotency idempotency;
  @Inject IdentityConfig identityConfig;
  @Inject RequestActor requestActor;
  @Inject JsonWebToken token;

  @POST
  @Path("/registrations")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Register a walk-in at a desk: seats from the walk-in reserve first; the ticket by SMS,"
              + " WhatsApp or only shown (deliver: none)",
      description =
          "Idempotency-Key: per caller and key for 24 hours, on every node. The answer names the"
              + " registration and its QR image, which the desk shows once the ticket is made.")
  @APIResponse(
      responseCode = "202",
      description =
          "Accepted: PENDING until its ticket is made ({\"registrationId\",\"status\","
              + "\"registration\",\"ticketImage\"})",
      content = @Content(mediaType = "application/json"))
  public Response register(
      @NotNull @Valid WalkInRequest body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
    return idempotency.once(
        token.getSubject(),
        "POST /api/volunteer/registrations",
        idempotencyKey,
        body,
        () -> {
          PhoneNumber phone = parsePhone(body.phone());
          UUID id =
              registrations.registerWalkIn(
                  Callers.of(token),
                  new WalkIn(
                      RegistrationResource.slotId(body.slotId()),
                      body.name(),
                      phone,
                      body.partySize(),
                      body.deliver(),
                      body.consent()),
                  requestActor.actor());
          return Response.accepted(
                  Map.of(
                      "registrationId",
                      id.toString(),
                      "status",
                      "PENDING",
                      "registration",
                      "/api/registrations/" + id,
                      "ticketImage",
                      "/api/registrations/" + id + "/ticket.png"))
              .type(MediaType.APPLICATION_JSON)
              .build();
        });
  }

  @GET
  @Path("/lookup")
  @Operation(
      summary =
          "The help desk: registrations by phone or by ticket code, newest first (phones masked"
              + " for volunteers)")
  public List<RegistrationView> lookup(@QueryParam("q") String q) {
    // A phone has 9 to 15 digits; a ticket code has 8 letters and digits (7K3M-Q9XD).
    String compact = q == null ? "" : q.replaceAll("[\\s()-]", "");
    if (PHONE.matcher(compact).matches()) {
      return registrations.lookup(
          Callers.of(token), Optional.of(parsePhone(compact)), null, requestActor.actor());
    }
    if (CODE.matcher(compact).matches()) {
      return registrations.lookup(
          Callers.of(token), Optional.empty(), compact, requestActor.actor());
    }
    throw BusinessException.invalid("q", "Give a phone number or a ticket code (like 7K3M-Q9XD)");
  }

  private PhoneNumber parsePhone(String raw) {
    return PhoneNumber.parse(raw, identityConfig.countryCodes());
  }
}
