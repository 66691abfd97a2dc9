package in.pravesh.event.application;

import java.time.LocalDate;
import java.time.ZoneId;

/** An event as an admin writes it (api.md, Admin). */
public record EventForm(
    String slug,
    String name,
    String venue,
    ZoneId timeZone,
    LocalDate startsOn,
    LocalDate endsOn,
    boolean registrationOpen,
    boolean reentry,
    Integer maxInside) {}
