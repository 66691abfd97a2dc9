package in.pravesh.identity.api;

import in.pravesh.identity.application.Identity;
import in.pravesh.identity.application.IdentityConfig;
import in.pravesh.identity.application.OtpIssued;
import in.pravesh.identity.application.OtpLogin;
import in.pravesh.identity.application.TokenRevocations;
import in.pravesh.identity.domain.PhoneNumber;
import in.pravesh.notification.application.OutgoingMessage;
import in.pravesh.platform.api.security.RequestActor;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Login by OTP, and logout (api.md, Auth); staff codes: {@code staff.api.StaffLoginResource}. */
@Path("/auth")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "Auth")
public class AuthResource {

  @Inject OtpLogin otpLogin;
  @Inject Logins logins;
  @Inject TokenRevocations revocations;
  @Inject IdentityConfig config;
  @Inject RequestActor requestActor;
  @Context UriInfo uri;
  @Context SecurityContext security;

  @POST
  @Path("/otp")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Send a 6-digit login code by SMS or WhatsApp")
  @APIResponse(
      responseCode = "202",
      description = "Sent",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = OtpIssued.class)))
  @APIResponse(responseCode = "429", description = "Too many requests (Retry-After)")
  public Response requestOtp(@NotNull @Valid AuthRequests.OtpRequest body) {
    OutgoingMessage.Channel channel =
        body.channel() == null
            ? OutgoingMessage.Channel.SMS
            : OutgoingMessage.Channel.valueOf(body.channel().toUpperCase(Locale.ROOT));
    OtpIssued issued =
        otpLogin.request(
            PhoneNumber.parse(body.phone(), config.countryCodes()),
            channel,
            requestActor.rateKey());
    return Response.accepted(issued).build();
  }

  @POST
  @Path("/otp/verify")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Exchange the code for an access token (also set as the session cookie)")
  @APIResponse(responseCode = "200", description = "Logged in")
  @APIResponse(responseCode = "401", description = "Wrong, expired or used code (otp-invalid)")
  public Response verifyOtp(@NotNull @Valid AuthRequests.OtpVerification body) {
    PhoneNumber phone = PhoneNumber.parse(body.phone(), config.countryCodes());
    return loggedIn(otpLogin.verify(phone, body.code(), requestActor.rateKey()));
  }

  @POST
  @Path("/logout")
  @Operation(summary = "End the session: the token stops working and the cookies are cleared")
  @APIResponse(responseCode = "204", description = "Logged out")
  public Response logout() {
    if (security.getUserPrincipal() instanceof JsonWebToken token) {
      revocations.revokeToken(token.getTokenID(), Instant.ofEpochSecond(token.getExpirationTime()));
    }
    return Response.noContent().cookie(SessionCookies.clear(uri)).build();
  }

  private Response loggedIn(Optional<Identity> identity) {
    return logins.loggedIn(identity, uri);
  }
}
