package in.pravesh.identity.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Who the caller is, as their token says: lets a page (or a script) check its session. Not in
 * api.md; documented here and in the OpenAPI document.
 */
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Auth")
public class MeResource {

  @Inject JsonWebToken token;

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

  /** The caller (expiresAt in epoch seconds, as in the token). */
  public record Me(String id, String phone, List<String> roles, long expiresAt) {}
}
