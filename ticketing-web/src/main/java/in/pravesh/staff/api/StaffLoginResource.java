package in.pravesh.staff.api;

import in.pravesh.identity.api.AuthRequests;
import in.pravesh.identity.api.Logins;
import in.pravesh.platform.api.security.RequestActor;
import in.pravesh.staff.application.StaffDirectory;
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
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Staff log in with a one-time code an administrator issued (api.md, Auth). */
@Path("/auth/staff-code")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "Auth")
public class StaffLoginResource {

  @Inject StaffDirectory staff;
  @Inject Logins logins;
  @Inject RequestActor requestActor;
  @Context UriInfo uri;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Exchange a one-time staff login code for an access token")
  @APIResponse(responseCode = "200", description = "Logged in")
  @APIResponse(responseCode = "401", description = "Unknown, used or expired code")
  public Response staffCode(@NotNull @Valid AuthRequests.StaffCode body) {
    return logins.loggedIn(staff.exchangeLoginCode(body.code(), requestActor.address()), uri);
  }
}
