package in.pravesh.event.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
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

  /** Moves the whole event, its slots with it, by a number of days. */
  public void shiftDays(long days) {
    startsOn = startsOn.plusDays(days);
    endsOn = endsOn.plusDays(days);
    slots.forEach(slot -> slot.shiftDays(days));
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

  public List<Slot> slots() {
    return slots;
  }

  public List<Gate> gates() {
    return gates;
  }
}
