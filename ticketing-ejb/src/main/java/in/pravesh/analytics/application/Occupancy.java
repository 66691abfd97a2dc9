package in.pravesh.analytics.application;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * People inside an event today (api.md, Entry: occupancy): admitted or readmitted minus exited, as
 * every decided scan maintains it; the limit, if the event has one; people in and out per gate (the
 * gates someone went through today).
 */
public record Occupancy(
    long inside, Integer maxInside, List<GateFlow> byGate, OffsetDateTime updatedAt) {

  public record GateFlow(String gateId, String name, long in, long out) {}
}
