package in.pravesh.entry.application;

import in.pravesh.entry.domain.ScanOutcome;
import in.pravesh.entry.domain.ScannedTicket;
import jakarta.json.bind.annotation.JsonbTypeSerializer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * The answer to a scan (api.md, Entry): the outcome, the ticket whenever the scan identified one
 * ({@code null} otherwise), for a ticket admitted today when and at which gate (by name) it first
 * got in, in the event's time zone, and whether the venue is crowded (90 % of its {@code
 * maxInside}; written by {@link ScanResultSerializer}).
 */
@JsonbTypeSerializer(ScanResultSerializer.class)
public record ScanResult(
    ScanOutcome outcome,
    ScannedTicket ticket,
    OffsetDateTime firstAdmittedAt,
    String firstGate,
    boolean crowded) {

  static ScanResult of(ScanOutcome outcome, ScannedTicket ticket) {
    return new ScanResult(outcome, ticket, null, null, false);
  }

  static ScanResult admission(
      ScanOutcome outcome, ScannedTicket ticket, Instant at, String gate, ZoneId zone) {
    return new ScanResult(outcome, ticket, at.atZone(zone).toOffsetDateTime(), gate, false);
  }

  ScanResult crowded(boolean crowded) {
    return crowded == this.crowded
        ? this
        : new ScanResult(outcome, ticket, firstAdmittedAt, firstGate, crowded);
  }
}
