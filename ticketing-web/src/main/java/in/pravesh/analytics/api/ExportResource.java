package in.pravesh.analytics.api;

import in.pravesh.analytics.application.Exports;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.Counters;
import in.pravesh.platform.api.security.RequestActor;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Streamed exports of an event's data for admins (api.md, Admin); each one audited. */
@Path("/admin/exports")
@RolesAllowed("admin")
@Tag(name = "Admin")
public class ExportResource {

  private static final String CSV = "text/csv";
  private static final String CSV_UTF8 = "text/csv; charset=UTF-8";
  private static final String XLSX =
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  @Inject Exports exports;
  @Inject RequestActor requestActor;
  @Inject Counters counters;

  /** The dashboard's own cost: rows of finished exports. */
  /** Writes an export's rows; returns how many. */
  private interface Rows {
    long write(Exports.Target target, java.io.OutputStream out) throws java.io.IOException;
  }

  /**
   * Checks the event and audits the export ({@code action} after "export.") before anything is
   * streamed; the rows of a finished export are counted in a metric (the dashboard's own cost).
   */
  private Response export(
      String event, String action, String file, boolean fullPhones, String type, Rows rows) {
    Exports.Target target = exports.start(event.strip(), action, fullPhones, requestActor.actor());
    StreamingOutput body =
        out ->
            counters
                .get("pravesh_export_rows_written", "kind", file)
                .increment(rows.write(target, out));
    return attachment(body, type, event.strip() + "-" + file);
  }

  @GET
  @Path("/registrations.csv")
  @Produces(CSV)
  @Operation(
      summary =
          "Every registration of an event as CSV (UTF-8 with BOM), streamed; phones masked unless"
              + " ?phones=full (audited)")
  public Response registrations(
      @QueryParam("event") @NotBlank(message = "Name the event: ?event={slug}") @Size(max = 80)
          String event,
      @QueryParam("phones") String phones) {
    boolean full = fullPhones(phones);
    return export(
        event,
        "registrations",
        "registrations.csv",
        full,
        CSV_UTF8,
        (target, out) -> exports.registrationsCsv(target, full, out));
  }

  @GET
  @Path("/registrations.xlsx")
  @Produces(XLSX)
  @Operation(
      summary =
          "Every registration of an event as an XLSX workbook, streamed (text cells, never"
              + " formulas); phones masked unless ?phones=full (audited)")
  public Response registrationsXlsx(
      @QueryParam("event") @NotBlank(message = "Name the event: ?event={slug}") @Size(max = 80)
          String event,
      @QueryParam("phones") String phones) {
    boolean full = fullPhones(phones);
    return export(
        event,
        "registrations.xlsx",
        "registrations.xlsx",
        full,
        XLSX,
        (target, out) -> exports.registrationsXlsx(target, full, out));
  }

  @GET
  @Path("/entries.csv")
  @Produces(CSV)
  @Operation(summary = "Every admission of an event as CSV (UTF-8 with BOM), streamed")
  public Response entries(
      @QueryParam("event") @NotBlank(message = "Name the event: ?event={slug}") @Size(max = 80)
          String event) {
    return export(event, "entries", "entries.csv", false, CSV_UTF8, exports::entriesCsv);
  }

  private static boolean fullPhones(String phones) {
    if (phones == null || phones.isBlank()) {
      return false;
    }
    if (!phones.equals("full")) {
      throw BusinessException.invalid("phones", "Only phones=full, or nothing (masked)");
    }
    return true;
  }

  private static Response attachment(StreamingOutput body, String type, String name) {
    return Response.ok(body, type)
        .header(
            "Content-Disposition",
            "attachment; filename=\"" + name.replaceAll("[^a-z0-9.-]", "") + "\"")
        .header("Cache-Control", "no-store")
        .build();
  }
}
