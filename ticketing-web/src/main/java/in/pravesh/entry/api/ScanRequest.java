package in.pravesh.entry.api;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of POST /api/scans: a ticket's token or its short code, the gate, the direction ({@code
 * IN}, the default, or {@code OUT}), the device.
 */
public record ScanRequest(
    @Size(max = 1000, message = "Not a ticket token") String token,
    @Size(max = 40, message = "Not a ticket code") String code,
    String gateId,
    @Pattern(regexp = "IN|OUT", message = "IN or OUT") String direction,
    @Size(max = 100, message = "At most 100 characters") String deviceId) {

  /** The direction, IN when not given. */
  in.pravesh.entry.domain.Direction way() {
    return direction == null
        ? in.pravesh.entry.domain.Direction.IN
        : in.pravesh.entry.domain.Direction.valueOf(direction);
  }
}
