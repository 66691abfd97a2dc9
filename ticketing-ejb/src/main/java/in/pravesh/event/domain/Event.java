package in.pravesh.event.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An event (a fair), with its own time zone: its dates and hours are local to it. */
@Entity
@Table(name = "event")
public class Event {

  public static final String DEFAULT_TIME_ZONE = "Asia/Kolkata";

  @Id private UUID id;

  @Column(nullable = false, unique = true)
  private String slug;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private String venue;

  @Column(name = "time_zone", nullable = false)
  private String timeZone;

  @Column(name = "starts_on", nullable = false)
  private LocalDate startsOn;

  @Column(name = "ends_on", nullable = false)
  private LocalDate endsOn;

  @Column(name = "registration_open", nullable = false)
  private boolean registrationOpen;

  @Column(nullable = false)
  private boolean reentry = true;

  @Column(name = "max_inside")
  private Integer maxInside;

  @Version private int version;

  @OneToMany(mappedBy = "event")
  @OrderBy("date, startsAt")
  private List<Slot> slots = new ArrayList<>();

  @OneToMany(mappedBy = "event")
  @OrderBy("name")
  private List<Gate> gates = new ArrayList<>();

  protected Event() {}

  public Event(
      String slug,
      String name,
      String venue,
      ZoneId timeZone,
      LocalDate startsOn,
      LocalDate endsOn) {
    if (endsOn.isBefore(startsOn)) {
      throw new IllegalArgumentException("an event cannot end before it starts");
    }
    this.id = UUID.randomUUID();
    this.slug = slug;
    this.name = name;
    this.venue = venue;
    this.timeZone = timeZone.getId();
    this.startsOn = startsOn;
    this.endsOn = endsOn;
    this.registrationOpen = true;
  }

  /** Today as the event's visitors see it. */
  public LocalDate today(Clock clock) {
    return LocalDate.now(clock.withZone(zone()));
  }

  /** Whether the event's last day has not yet passed in its own time zone. */
  public boolean isCurrentOrUpcoming(Clock clock) {
    return !endsOn.isBefore(today(clock));
  }

  /**
   * An admin's edit. The dates must still hold every slot ({@link EventRuleException} otherwise): a
   * slot's date is inside its tickets' signed tokens, so slots are never moved by an event edit.
   */
  public void edit(
      String slug,
      String name,
      String venue,
      ZoneId timeZone,
      LocalDate startsOn,
      LocalDate endsOn,
      boolean registrationOpen,
      boolean reentry,
      Integer maxInside) {
    if (endsOn.isBefore(startsOn)) {
      throw new EventRuleException("endsOn", "An event cannot end before it starts");
    }
    for (Slot slot : slots) {
      if (slot.date().isBefore(startsOn) || slot.date().isAfter(endsOn)) {
        throw new EventRuleException(
            null,
            "A slot on "
                + slot.date()
                + " would fall outside the event's dates; move or delete it first");
      }
    }
    this.slug = slug;
    this.name = name;
    this.venue = venue;
    this.timeZone = timeZone.getId();
    this.startsOn = startsOn;
    this.endsOn = endsOn;
    this.registrationOpen = registrationOpen;
    this.reentry = reentry;
    this.maxInside = maxInside;
  }

  /** Whether a day is one of the event's. */
  public boolean covers(LocalDate date) {
    return !date.isBefore(startsOn) && !date.isAfter(endsOn);
  }

  /**
   * Starts the event later, on {@code date} or on its first slot if that is earlier (the
   * development demo's rolling calendar, once its past unused slots are gone).
   */
  public void startLater(LocalDate date) {
    LocalDate first = slots.stream().map(Slot::date).min(LocalDate::compareTo).orElse(date);
    LocalDate start = first.isBefore(date) ? first : date;
    if (start.isAfter(startsOn) && !start.isAfter(endsOn)) {
      startsOn = start;
    }
  }

  /** Runs the event until at least {@code date} (the development demo's rolling calendar). */
  public void extendTo(LocalDate date) {
    if (date.isAfter(endsOn)) {
      endsOn = date;
    }
  }

  public ZoneId zone() {
    return ZoneId.of(timeZone);
  }

  public UUID id() {
    return id;
  }

  public String slug() {
    return slug;
  }

  public String name() {
    return name;
  }

  public String venue() {
    return venue;
  }

  public LocalDate startsOn() {
    return startsOn;
  }

  public LocalDate endsOn() {
    return endsOn;
  }

  public boolean registrationOpen() {
    return registrationOpen;
  }

  public boolean reentry() {
    return reentry;
  }

  public Integer maxInside() {
    return maxInside;
  }

  public List<Slot> slots() {
    return slots;
  }

  public List<Gate> gates() {
    return gates;
  }
}
