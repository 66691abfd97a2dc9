package in.pravesh.event.api;

import in.pravesh.event.application.EventForm;
import in.pravesh.event.application.SlotForm;
import in.pravesh.platform.BusinessException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/** The bodies of the admin routes for events, slots and gates (api.md, Admin). */
public final class AdminRequests {

  private AdminRequests() {}

  /** An event: dates as {@code yyyy-MM-dd}, the time zone an IANA name (default Asia/Kolkata). */
  public record EventRequest(
      @NotBlank(message = "A slug is required")
          @Size(max = 80, message = "At most 80 characters")
          @Pattern(
              regexp = "[a-z0-9]+(-[a-z0-9]+)*",
              message = "Lower-case letters and digits, words joined by single hyphens")
          String slug,
      @NotBlank(message = "A name is required") @Size(max = 200, message = "At most 200 characters")
          String name,
      @NotBlank(message = "A venue is required")
          @Size(max = 300, message = "At most 300 characters")
          String venue,
      @Size(max = 64, message = "At most 64 characters") String timeZone,
      @NotBlank(message = "The first day is required") String startsOn,
      @NotBlank(message = "The last day is required") String endsOn,
      @NotNull(message = "Say whether registration is open") Boolean registrationOpen,
      Boolean reentry,
      @Min(value = 1, message = "At least 1 person") @Max(value = 10_000_000) Integer maxInside) {

    EventForm form() {
      return new EventForm(
          slug,
          name.strip(),
          venue.strip(),
          timeZone == null || timeZone.isBlank() ? null : zone(timeZone),
          date(startsOn, "startsOn"),
          date(endsOn, "endsOn"),
          registrationOpen,
          reentry,
          maxInside);
    }
  }

  /** A slot: its date, local hours {@code HH:mm}, its seats and the walk-in reserve among them. */
  public record SlotRequest(
      @NotBlank(message = "The date is required") String date,
      @NotBlank(message = "The start time is required") String startsAt,
      @NotBlank(message = "The end time is required") String endsAt,
      @NotNull(message = "The capacity is required")
          @Min(value = 0, message = "Not negative")
          @Max(value = 1_000_000, message = "At most 1,000,000")
          Integer capacity,
      @Min(value = 0, message = "Not negative")
          @Max(value = 1_000_000, message = "At most 1,000,000")
          Integer walkInReserve) {

    SlotForm form() {
      return new SlotForm(
          AdminRequests.date(date, "date"),
          time(startsAt, "startsAt"),
          time(endsAt, "endsAt"),
          capacity,
          walkInReserve);
    }
  }

  /** A gate's name. */
  public record GateRequest(
      @NotBlank(message = "A name is required") @Size(max = 100, message = "At most 100 characters")
          String name) {}

  /** An IANA time zone by its name (Asia/Kolkata); offsets like +05:30 are not zones. */
  public static ZoneId zone(String name) {
    if (!ZoneId.getAvailableZoneIds().contains(name.strip())) {
      throw BusinessException.invalid("timeZone", "Not a time zone (for example Asia/Kolkata)");
    }
    return ZoneId.of(name.strip());
  }

  static LocalDate date(String text, String field) {
    LocalDate date;
    try {
      date = LocalDate.parse(text.strip());
    } catch (DateTimeException e) {
      throw BusinessException.invalid(field, "A date as yyyy-MM-dd");
    }
    if (date.getYear() < 2000 || date.getYear() > 2999) {
      throw BusinessException.invalid(field, "A date between the years 2000 and 2999");
    }
    return date;
  }

  static LocalTime time(String text, String field) {
    if (!text.strip().matches("\\d{2}:\\d{2}")) {
      throw BusinessException.invalid(field, "A time as HH:mm");
    }
    try {
      return LocalTime.parse(text.strip());
    } catch (DateTimeException e) {
      throw BusinessException.invalid(field, "A time as HH:mm");
    }
  }
}
