package in.pravesh.entry.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of POST /api/scans/batch: the scans a scanner made offline (api.md, Entry). */
public record ScanBatchRequest(
    @Size(max = 100, message = "At most 100 characters") String deviceId,
    @NotNull(message = "Send the scans")
        @Size(min = 1, max = 500, message = "1 to 500 scans a batch")
        List<@Valid @NotNull(message = "A scan is required") Item> scans) {

  /** One offline scan: its key (one per physical scan), what was scanned, when, what was said. */
  public record Item(
      @NotBlank(message = "Each scan needs its key") @Size(max = 200, message = "At most 200")
          String key,
      @Size(max = 1000, message = "Not a ticket token") String token,
      @Size(max = 40, message = "Not a ticket code") String code,
      String gateId,
      @Pattern(regexp = "IN|OUT", message = "IN or OUT") String direction,
      @NotBlank(message = "When was it scanned?") @Size(max = 40) String scannedAt,
      @NotBlank(message = "What did the device answer?")
          @Pattern(
              regexp =
                  "ADMITTED|ALREADY_ADMITTED|INVALID|REVOKED|WRONG_DATE|WRONG_EVENT|EXITED"
                      + "|NOT_INSIDE|READMITTED|VENUE_FULL",
              message = "An outcome of POST /api/scans")
          String offlineOutcome) {}
}
