package in.pravesh.event.application;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * An event as an admin writes it (api.md, Admin). Null {@code timeZone}, {@code reentry} and {@code
 * maxInside}: not given (a new event takes Asia/Kolkata and re-entry; an edit keeps them).
 */
public record EventForm(
    String slug,
    String name,
    String venue,
    ZoneId timeZone,
    LocalDate startsOn,
    LocalDate endsOn,
    boolean registrationOpen,
    Boolean reentry,
    Integer maxInside) {}
