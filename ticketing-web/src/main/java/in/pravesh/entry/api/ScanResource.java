package in.pravesh.entry.api;

import in.pravesh.entry.application.Gatekeeper;
import in.pravesh.entry.application.Scan;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.ProblemType;
import in.pravesh.platform.api.BodyLimit;
import in.pravesh.platform.api.BodyLimitFilter;
import in.pravesh.platform.api.Idempotency;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Scans at the gates (api.md, Entry). Volunteers and admins only. */
@Path("/scans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Entry")
public class ScanResource {

  private static final long PHOTO_LIMIT = 8L * 1024 * 1024;

  /** The photo and the form around it. */
  private static final long PHOTO_FORM_LIMIT = PHOTO_LIMIT + 64 * 1024;

  @Inject Gatekeeper gatekeeper;
  @Inject Idempotency idempotency;
  @Inject JsonWebToken jwt;
  @Inject PhotoDecoder photos;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({"volunteer", "admin"})
  @Operation(
      summary = "Scan a ticket (token from its QR code, or its short code) at a gate",
      description =
          "Outcome ADMITTED exactly once per ticket and date across every gate and node;"
              + " ALREADY_ADMITTED with firstAdmittedAt and firstGate (the gate's name); INVALID,"
              + " REVOKED, WRONG_DATE, WRONG_EVENT. Idempotency-Key: one per physical scan."
              + " 503 try-again when the admission cannot be decided now.")
  public Response scan(
      @NotNull(message = "A body is required") @Valid ScanRequest body,
      @HeaderParam("Idempotency-Key") String idempotencyKey) {
    boolean hasToken = body.token() != null && !body.token().isBlank();
    boolean hasCode = body.code() != null && !body.code().isBlank();
    if (!hasToken && !hasCode) {
      throw BusinessException.invalid("token", "Give the ticket's token or its code");
    }
    UUID gateId = gateId(body.gateId());
    return idempotency.once(
        jwt.getSubject(),
        "POST /api/scans",
        idempotencyKey,
        body,
        () ->
            ok(
                new Scan(
                    gateId,
                    hasToken ? body.token() : null,
                    hasToken ? null : body.code(),
                    body.deviceId(),
                    UUID.fromString(jwt.getSubject()),
                    idempotencyKey)));
  }

  @POST
  @Path("/image")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @BodyLimit(bytes = PHOTO_FORM_LIMIT)
  @RolesAllowed({"volunteer", "admin"})
  @Operation(
      summary = "Scan a photo of a ticket's QR code (PNG or JPEG, 8 MiB, 4,000 × 4,000 pixels)",
      description =
          "multipart/form-data with file, gateId and optionally deviceId; the same answer as POST"
              + " /api/scans (INVALID when no QR code can be read). 413 for a larger photo, 415"
              + " for another format.")
  public Response scanImage(
      @FormParam("file") EntityPart file,
      @FormParam("gateId") String gateIdText,
      @FormParam("deviceId") String deviceId,
      @HeaderParam("Idempotency-Key") String idempotencyKey) {
    if (file == null) {
      throw BusinessException.invalid("file", "Attach the photo as the form field 'file'");
    }
    UUID gateId = gateId(gateIdText);
    if (deviceId != null && deviceId.length() > 100) {
      throw BusinessException.invalid("deviceId", "At most 100 characters");
    }
    if (deviceId != null && deviceId.indexOf('\0') >= 0) {
      // Multipart fields are text the body filter does not see.
      throw BusinessException.invalid("deviceId", "No NUL characters");
    }
    byte[] photo = bytes(file);
    if (photo.length > PHOTO_LIMIT) {
      throw new BusinessException(
          ProblemType.PAYLOAD_TOO_LARGE, "The photo is larger than 8 MiB: take it again closer");
    }
    String token = photos.read(photo).orElse("");
    return idempotency.once(
        jwt.getSubject(),
        "POST /api/scans/image",
        idempotencyKey,
        Map.of("token", token, "gateId", gateId.toString()),
        () ->
            ok(
                new Scan(
                    gateId,
                    token,
                    null,
                    deviceId,
                    UUID.fromString(jwt.getSubject()),
                    idempotencyKey)));
  }

  private Response ok(Scan scan) {
    return Response.ok(gatekeeper.scan(scan), MediaType.APPLICATION_JSON).build();
  }

  private static byte[] bytes(EntityPart file) {
    try (InputStream in = file.getContent()) {
      return in.readAllBytes();
    } catch (BodyLimitFilter.TooLargeException e) {
      throw new BusinessException(ProblemType.PAYLOAD_TOO_LARGE, e.getMessage());
    } catch (IOException e) {
      throw new BusinessException(ProblemType.VALIDATION, "The photo could not be read");
    }
  }

  private static UUID gateId(String value) {
    if (value == null || value.isBlank()) {
      throw BusinessException.invalid("gateId", "Name the gate");
    }
    try {
      return UUID.fromString(value.strip());
    } catch (IllegalArgumentException e) {
      throw BusinessException.invalid("gateId", "No such gate");
    }
  }
}
