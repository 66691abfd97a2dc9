package in.pravesh.entry.application;

import java.time.ZoneId;
import java.util.UUID;

/** What a scan needs to know about its gate: the event it belongs to and that event's zone. */
public record GateInfo(UUID id, UUID eventId, String name, ZoneId zone) {}
