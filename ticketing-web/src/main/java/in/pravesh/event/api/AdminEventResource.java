package in.pravesh.event.api;

import in.pravesh.event.application.AdminEventView;
import in.pravesh.event.application.EventAdmin;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.api.security.RequestActor;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Events, their slots and their gates (api.md, Admin). Every change is audited; a refused change
 * (400 with field errors, 409 {@code conflict} with the numbers) leaves everything as it was.
 */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Admin")
public class AdminEventResource {

  @Inject EventAdmin events;
  @Inject RequestActor requestActor;
  @Context UriInfo uri;

  @GET
  @Path("/events")
  @Operation(summary = "Every event with all its slots (seats per pool) and gates")
  public List<AdminEventView> list() {
    return events.list();
  }

  @GET
  @Path("/events/{id}")
  @Operation(summary = "One event with all its slots and gates")
  public AdminEventView get(@PathParam("id") String id) {
    return events.get(id(id, "Event"));
  }

  @POST
  @Path("/events")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create an event (registration open or not, in its own time zone)")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = AdminEventView.class)))
  public Response create(@NotNull @Valid AdminRequests.EventRequest body) {
    AdminEventView created = events.create(body.form(), requestActor.actor());
    return Response.created(uri.getBaseUriBuilder().path("admin/events/{id}").build(created.id()))
        .entity(created)
        .build();
  }

  @PUT
  @Path("/events/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Change an event: name, venue, dates (they must hold every slot), time zone, open or"
              + " close registration")
  public AdminEventView update(
      @PathParam("id") String id, @NotNull @Valid AdminRequests.EventRequest body) {
    return events.update(id(id, "Event"), body.form(), requestActor.actor());
  }

  @POST
  @Path("/events/{id}/slots")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Add a slot (local hours on its date; a walk-in reserve among its seats)")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = AdminEventView.AdminSlot.class)))
  public Response addSlot(
      @PathParam("id") String id, @NotNull @Valid AdminRequests.SlotRequest body) {
    AdminEventView.AdminSlot slot =
        events.addSlot(id(id, "Event"), body.form(), requestActor.actor());
    return Response.status(Response.Status.CREATED).entity(slot).build();
  }

  @PUT
  @Path("/slots/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Change a slot: never below the seats taken (409 with the numbers), never to another"
              + " date while it has registrations (409)")
  public AdminEventView.AdminSlot updateSlot(
      @PathParam("id") String id, @NotNull @Valid AdminRequests.SlotRequest body) {
    return events.updateSlot(id(id, "Slot"), body.form(), requestActor.actor());
  }

  @DELETE
  @Path("/slots/{id}")
  @Operation(summary = "Delete a slot that never had a registration (409 otherwise)")
  @APIResponse(responseCode = "204", description = "Deleted")
  public Response deleteSlot(@PathParam("id") String id) {
    events.deleteSlot(id(id, "Slot"), requestActor.actor());
    return Response.noContent().build();
  }

  @POST
  @Path("/events/{id}/gates")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Add a gate")
  @APIResponse(
      responseCode = "201",
      description = "Created",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = AdminEventView.AdminGate.class)))
  public Response addGate(
      @PathParam("id") String id, @NotNull @Valid AdminRequests.GateRequest body) {
    AdminEventView.AdminGate gate =
        events.addGate(id(id, "Event"), body.name().strip(), requestActor.actor());
    return Response.status(Response.Status.CREATED).entity(gate).build();
  }

  @PUT
  @Path("/gates/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Rename a gate")
  public AdminEventView.AdminGate renameGate(
      @PathParam("id") String id, @NotNull @Valid AdminRequests.GateRequest body) {
    return events.renameGate(id(id, "Gate"), body.name().strip(), requestActor.actor());
  }

  @POST
  @Path("/gates/{id}/retire")
  @Operation(
      summary =
          "Retire a gate: no more scans there, no longer offered to scanners; its records stay")
  public AdminEventView.AdminGate retireGate(@PathParam("id") String id) {
    return events.retireGate(id(id, "Gate"), requestActor.actor());
  }

  static UUID id(String value, String what) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw BusinessException.notFound(what);
    }
  }
}
