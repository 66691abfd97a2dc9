package in.pravesh.audit.api;

import in.pravesh.audit.AuditLog;
import in.pravesh.audit.AuditPage;
import in.pravesh.platform.BusinessException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
      @QueryParam("page") @Pattern(regexp = "\\d{1,6}", message = "A page number (0, 1, ...)")
          String page,
      @QueryParam("size") @Pattern(regexp = "\\d{1,3}", message = "A page size from 1 to 200")
          String size) {
    int pageNumber = page == null ? 0 : Integer.parseInt(page);
    int pageSize = size == null ? 50 : Integer.parseInt(size);
    if (pageSize < 1 || pageSize > 200) {
      throw BusinessException.invalid("size", "A page size from 1 to 200");
    }
    return audit.page(
        blankToNull(actor), blankToNull(action), pageNumber, pageSize, ZoneId.of(timeZone));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
