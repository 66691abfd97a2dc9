package in.pravesh.jobs.api;

import in.pravesh.jobs.DeadJobView;
import in.pravesh.jobs.DeadJobs;
import in.pravesh.platform.api.security.RequestActor;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Jobs in the dead-letter queue, and their replay (admins). */
@Path("/admin/jobs/dead")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Admin")
public class DeadJobResource {

  @Inject DeadJobs deadJobs;
  @Inject RequestActor requestActor;

  @GET
  @Operation(summary = "Jobs that failed their last delivery")
  public List<DeadJobView> list() {
    return deadJobs.list();
  }

  @POST
  @Path("/{id}/replay")
  @Operation(summary = "Put a dead job back on its queue (audited)")
  @APIResponse(responseCode = "202", description = "Back on its queue")
  public Response replay(@PathParam("id") String id) {
    deadJobs.replay(id, requestActor.actor());
    return Response.accepted().build();
  }
}
