package in.pravesh.staff.api;

import in.pravesh.audit.AuditLog;
import in.pravesh.identity.application.IdentityConfig;
import in.pravesh.identity.domain.PhoneNumber;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.api.security.RequestActor;
import in.pravesh.staff.application.LoginCode;
import in.pravesh.staff.application.StaffDirectory;
import in.pravesh.staff.application.StaffView;
import in.pravesh.staff.domain.StaffRole;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The staff list: volunteers and admins, their gates, and one-time login codes (admins only). */
@Path("/admin/staff")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Admin")
public class StaffResource {

  @Inject StaffDirectory directory;
  @Inject IdentityConfig config;
  @Inject RequestActor requestActor;
  @Inject JsonWebToken caller;
  @Context UriInfo uri;

  @GET
  @Operation(summary = "All staff members")
  public List<StaffView> list() {
    return directory.list();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Add a volunteer or admin")
  @APIResponse(
      responseCode = "201",
      description = "Added",
      content = @Content(mediaType = "application/json"))
  public Response add(@NotNull @Valid StaffRequests.NewStaff body) {
    StaffView added =
        directory.add(
            PhoneNumber.parse(body.phone(), config.countryCodes()),
            body.name().strip(),
            role(body.role()),
            id(body.gateId(), "gateId"),
            actor());
    return Response.created(uri.getAbsolutePathBuilder().path(added.id()).build())
        .entity(added)
        .build();
  }

  @PATCH
  @Path("/{id}")
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  @Operation(
      summary =
          "Change a member (active, role, gate). Deactivating or demoting revokes their tokens"
              + " at once on every node")
  public StaffView change(
      @PathParam("id") String id, @NotNull @Valid StaffRequests.StaffChange body) {
    return directory.update(
        id(id, "id"),
        body.active(),
        body.role() == null ? null : role(body.role()),
        Optional.ofNullable(id(body.gateId(), "gateId")),
        actor());
  }

  @POST
  @Path("/{id}/login-code")
  @Operation(summary = "Issue a one-time login code for a member (shown once, audited)")
  @APIResponse(
      responseCode = "201",
      description = "The code and when it expires",
      content = @Content(mediaType = "application/json"))
  public Response loginCode(@PathParam("id") String id) {
    LoginCode code =
        directory.issueLoginCode(id(id, "id"), UUID.fromString(caller.getSubject()), actor());
    return Response.status(Response.Status.CREATED).entity(code).build();
  }

  private AuditLog.Actor actor() {
    return requestActor.actor();
  }

  private static StaffRole role(String role) {
    return StaffRole.valueOf(role.toUpperCase(Locale.ROOT));
  }

  private static UUID id(String value, String field) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      if (field.equals("id")) {
        throw BusinessException.notFound("Staff member");
      }
      throw BusinessException.invalid(field, "Not a valid id");
    }
  }
}
