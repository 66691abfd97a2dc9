package in.pravesh.entry.api;

import in.pravesh.entry.application.GateDirectory;
import in.pravesh.entry.application.Gatekeeper;
import in.pravesh.entry.application.OfflineSync;
import in.pravesh.entry.application.Scan;
import in.pravesh.entry.domain.Direction;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.ProblemType;
import in.pravesh.platform.api.BodyLimit;
import in.pravesh.platform.api.BodyLimitFilter;
import in.pravesh.platform.api.Idempotency;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
  @Inject OfflineSync offline;
  @Inject GateDirectory gates;
  @Inject Clock clock;

  /** How far ahead of the server's clock a device's may be. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({"volunteer", "admin"})
  @Operation(
      summary = "Scan a ticket (token from its QR code, or its short code) at a gate",
      description =
          "Outcome ADMITTED exactly once per ticket and date across every gate and node;"
              + " ALREADY_ADMITTED with firstAdmittedAt and firstGate (the gate's name); INVALID,"
              + " REVOKED, WRONG_DATE, WRONG_EVENT. direction OUT (default IN): EXITED for a"
              + " ticket inside, NOT_INSIDE otherwise; IN for a ticket that exited: READMITTED"
              + " when the event allows re-entry, else ALREADY_ADMITTED; VENUE_FULL when an"
              + " admission would exceed the event's maxInside (nothing recorded as admitted);"
              + " crowded: true at 90 % of maxInside. Idempotency-Key: one per physical scan."
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
                    body.way(),
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
                    Direction.IN,
                    deviceId,
                    UUID.fromString(jwt.getSubject()),
                    idempotencyKey)));
  }

  /** The answers to a batch of offline scans, in the order they were made. */
  public record BatchAnswer(List<Object> results) {}

  @POST
  @Path("/batch")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({"volunteer", "admin"})
  @Operation(
      summary = "Send the scans a scanner made offline (at most 500)",
      description =
          "Each scan is decided as POST /api/scans would have decided it when it was made"
              + " (scannedAt: not in the future, at most 24 hours ago), in scannedAt order, once"
              + " per key (the same key again answers the same: a batch may be sent again), at"
              + " its gate even if the gate was retired since. An offline ADMITTED (or READMITTED)"
              + " the server finds already admitted by another scan, or of a ticket revoked"
              + " (before the scan or since), is a conflict: conflict true, listed by GET"
              + " /api/admin/conflicts. A 400 names the scans it refuses (errors.'scans[i].field')."
              + " Results"
              + " [{key, outcome, conflict}] in scannedAt order. 503 try-again: the scans"
              + " answered before it are kept; send the batch again.")
  public BatchAnswer batch(@NotNull(message = "A body is required") @Valid ScanBatchRequest body) {
    UUID volunteer = UUID.fromString(jwt.getSubject());
    Instant now = clock.instant();
    Map<String, String> errors = new TreeMap<>();
    List<Scan> scans = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < body.scans().size(); i++) {
      ScanBatchRequest.Item item = body.scans().get(i);
      String at = "scans[" + i + "].";
      boolean hasToken = item.token() != null && !item.token().isBlank();
      boolean hasCode = item.code() != null && !item.code().isBlank();
      if (!hasToken && !hasCode) {
        errors.put(at + "token", "Give the ticket's token or its code");
      }
      if (!keys.add(item.key())) {
        errors.put(at + "key", "Each scan has its own key");
      }
      UUID gate = null;
      try {
        gate = gateId(item.gateId());
        // A gate retired while the scanner was offline still took its scans.
        if (gates.find(gate, true).isEmpty()) {
          errors.put(at + "gateId", "No such gate");
        }
      } catch (BusinessException e) {
        errors.put(at + "gateId", "No such gate");
      }
      Instant scannedAt = null;
      try {
        scannedAt = OffsetDateTime.parse(item.scannedAt().strip()).toInstant();
        if (scannedAt.isAfter(now.plus(CLOCK_SKEW))) {
          errors.put(at + "scannedAt", "In the future: check the device's clock");
        } else if (scannedAt.isBefore(now.minus(Duration.ofHours(24)))) {
          errors.put(at + "scannedAt", "More than 24 hours ago: too late to send");
        }
      } catch (DateTimeParseException e) {
        errors.put(at + "scannedAt", "An ISO-8601 time with offset");
      }
      if (errors.isEmpty()) {
        scans.add(
            new Scan(
                gate,
                hasToken ? item.token() : null,
                hasToken ? null : item.code(),
                item.direction() == null ? Direction.IN : Direction.valueOf(item.direction()),
                body.deviceId(),
                volunteer,
                item.key(),
                scannedAt,
                item.offlineOutcome()));
      }
    }
    if (!errors.isEmpty()) {
      throw new BusinessException(
          ProblemType.VALIDATION, "Some scans are not valid", Map.of("errors", errors));
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < scans.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing((Integer i) -> scans.get(i).scannedAt()));
    List<Object> results = new ArrayList<>();
    for (int i : order) {
      Scan scan = scans.get(i);
      Response answer;
      try {
        answer =
            idempotency.once(
                jwt.getSubject(),
                "POST /api/scans/batch",
                scan.scanKey(),
                body.scans().get(i),
                () -> Response.ok(offline.sync(scan)).build());
      } catch (EJBException | PersistenceException e) {
        // The database failed mid-batch: what was answered before is kept; the rest again later.
        throw new BusinessException(
            ProblemType.TRY_AGAIN, "Not every scan could be decided now: send the batch again");
      }
      if (answer.getStatus() != 200) {
        // 503 try-again (or the key's first use still running): the scans before it are kept.
        throw new BusinessException(
            ProblemType.TRY_AGAIN, "Not every scan could be decided now: send the batch again");
      }
      results.add(answer.getEntity());
    }
    return new BatchAnswer(results);
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
