package in.pravesh.analytics.application;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** The statistics of an event (api.md, Admin: {@code GET /api/admin/stats}). */
public record EventStats(
    Registrations registrations, Tickets tickets, Entries entries, OffsetDateTime generatedAt) {

  /** Active registrations: how many, how many people, by channel, by slot date. */
  public record Registrations(
      long total, long people, Map<String, Long> byChannel, List<DateCount> byDate) {}

  /** Tickets not yet made, and made (not revoked). */
  public record Tickets(long pending, long issued) {}

  /** Admissions: how many, how many people, by gate, by hour (in the event's zone). */
  public record Entries(long total, long people, List<GateCount> byGate, List<HourCount> byHour) {}

  public record DateCount(LocalDate date, long count) {}

  public record GateCount(String gateId, String name, long count, long people) {}

  public record HourCount(OffsetDateTime hour, long count) {}
}
