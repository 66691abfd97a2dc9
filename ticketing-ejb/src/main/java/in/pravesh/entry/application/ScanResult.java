package in.pravesh.entry.application;

import in.pravesh.entry.domain.ScanOutcome;
import in.pravesh.entry.domain.ScannedTicket;
import jakarta.json.bind.annotation.JsonbTypeSerializer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * The answer to a scan (api.md, Entry): the outcome, the ticket whenever the scan identified one
 * ({@code null} otherwise), and for an admitted ticket when and at which gate (by name) it first
 * got in, in the event's time zone (written by {@link ScanResultSerializer}).
 */
@JsonbTypeSerializer(ScanResultSerializer.class)
public record ScanResult(
    ScanOutcome outcome, ScannedTicket ticket, OffsetDateTime firstAdmittedAt, String firstGate) {

  static ScanResult of(ScanOutcome outcome, ScannedTicket ticket) {
    return new ScanResult(outcome, ticket, null, null);
  }

  static ScanResult admission(
      ScanOutcome outcome, ScannedTicket ticket, Instant at, String gate, ZoneId zone) {
    return new ScanResult(outcome, ticket, at.atZone(zone).toOffsetDateTime(), gate);
  }

  /** Whether a ticket was (or already had been) admitted: the cache may then remember it. */
  boolean admitted() {
    return outcome == ScanOutcome.ADMITTED || outcome == ScanOutcome.ALREADY_ADMITTED;
  }
}
