package in.pravesh.entry.application;

import in.pravesh.entry.domain.Direction;
import java.time.Instant;
import java.util.UUID;

/**
 * One scan at a gate: a ticket's token (from its QR code) or its short code, the gate, the
 * direction, the scanning device, the volunteer (token subject) and the scanner's per-scan {@code
 * Idempotency-Key}, if it sent one. A scan a scanner made offline and sends later also has when it
 * was made (it is decided as of then) and what the device answered then.
 */
public record Scan(
    UUID gateId,
    String token,
    String code,
    Direction direction,
    String deviceId,
    UUID volunteerId,
    String scanKey,
    Instant scannedAt,
    String offlineOutcome) {

  /** An online scan. */
  public Scan(
      UUID gateId,
      String token,
      String code,
      Direction direction,
      String deviceId,
      UUID volunteerId,
      String scanKey) {
    this(gateId, token, code, direction, deviceId, volunteerId, scanKey, null, null);
  }

  /** Whether a scanner made this scan offline and sent it later. */
  public boolean offline() {
    return offlineOutcome != null;
  }

  public Direction direction() {
    return direction == null ? Direction.IN : direction;
  }
}
