package in.pravesh.audit.api;

import in.pravesh.audit.AuditLog;
import in.pravesh.audit.AuditPage;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit log: who did what, when, from where (api.md, Admin). */
@Path("/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Admin")
public class AuditResource {

  @Inject AuditLog audit;

  @Inject
  @ConfigProperty(name = "ticketing.audit.time-zone", defaultValue = "Asia/Kolkata")
  String timeZone;

  @GET
  @Operation(
      summary = "The audit log, newest first, paged",
      description =
          "actor: a person's id or phone (E.164); action: an action (slot.changed) or a prefix"
              + " ending in a dot (slot.). Times in the configured zone (Asia/Kolkata).")
  public AuditPage audit(
      @QueryParam("actor") @Size(max = 80, message = "At most 80 characters") String actor,
      @QueryParam("action") @Size(max = 60, message = "At most 60 characters") String action,
      @QueryParam("page")
          @DefaultValue("0")
          @Min(value = 0, message = "Not negative")
          @Max(value = 100_000, message = "At most 100000")
          int page,
      @QueryParam("size")
          @DefaultValue("50")
          @Min(value = 1, message = "At least 1")
          @Max(value = 200, message = "At most 200")
          int size) {
    return audit.page(blankToNull(actor), blankToNull(action), page, size, ZoneId.of(timeZone));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
