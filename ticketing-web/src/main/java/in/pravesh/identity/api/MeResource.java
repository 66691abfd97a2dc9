package in.pravesh.identity.api;

import in.pravesh.identity.application.PersonErasure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Who the caller is, as their token says: lets a page (or a script) check its session. Not in
 * api.md; documented here and in the OpenAPI document. One instance for the application (the token
 * and the request's URI are per-request proxies): a request-scoped resource cost a CDI context and
 * injection per call, the largest share of an authenticated trivial request. Inject only proxies
 * here: a {@code @Context} of a class type or a {@code @Claim} of a plain value would keep the
 * first request's.
 */
@ApplicationScoped
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Auth")
public class MeResource {

  @Context UriInfo uri;

  @Inject JsonWebToken token;
  @Inject PersonErasure erasure;

  @GET
  @RolesAllowed({"visitor", "volunteer", "admin"})
  @Operation(summary = "The caller's id, phone and roles, from their token")
  public Me me() {
    return new Me(
        token.getSubject(),
        token.getClaim("phone"),
        token.getGroups().stream().sorted().toList(),
        token.getExpirationTime());
  }

  @DELETE
  @RolesAllowed({"visitor", "volunteer", "admin"})
  @Operation(
      summary =
          "Withdraw consent: registrations cancelled, personal data erased (anonymous counts stay)")
  @APIResponse(responseCode = "204", description = "Erased; the session cookies are cleared")
  public Response forgetMe() {
    erasure.forget(UUID.fromString(token.getSubject()), token.getClaim("phone"));
    return Response.noContent().cookie(SessionCookies.clear(uri)).build();
  }

  /** The caller (expiresAt in epoch seconds, as in the token). */
  public record Me(String id, String phone, List<String> roles, long expiresAt) {}
}
