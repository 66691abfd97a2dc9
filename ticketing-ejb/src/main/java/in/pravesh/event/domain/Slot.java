package in.pravesh.event.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A daily time slot of an event, with its seats. Every change of its seats goes through {@link
 * SlotCapacity}, on a slot row locked before it is read (see {@code Registrations}), so the rules
 * the unit tests prove are the ones production runs; the table's CHECK constraints stand behind
 * them.
 */
@Entity
@Table(name = "slot")
public class Slot {

  @Id private UUID id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "event_id")
  private Event event;

  @Column(name = "slot_date", nullable = false)
  private LocalDate date;

  @Column(name = "starts_at", nullable = false)
  private LocalTime startsAt;

  @Column(name = "ends_at", nullable = false)
  private LocalTime endsAt;

  @Column(nullable = false)
  private int capacity;

  @Column(name = "walk_in_reserve", nullable = false)
  private int walkInReserve;

  @Column(name = "online_taken", nullable = false)
  private int onlineTaken;

  @Column(name = "reserve_taken", nullable = false)
  private int reserveTaken;

  @Version private int version;

  protected Slot() {}

  public Slot(
      Event event,
      LocalDate date,
      LocalTime startsAt,
      LocalTime endsAt,
      int capacity,
      int walkInReserve) {
    if (!endsAt.isAfter(startsAt)) {
      throw new IllegalArgumentException("a slot must end after it starts");
    }
    SlotCapacity.empty(capacity, walkInReserve); // validates the numbers
    this.id = UUID.randomUUID();
    this.event = event;
    this.date = date;
    this.startsAt = startsAt;
    this.endsAt = endsAt;
    this.capacity = capacity;
    this.walkInReserve = walkInReserve;
    event.slots().add(this);
  }

  public SlotCapacity seats() {
    return new SlotCapacity(capacity, walkInReserve, onlineTaken, reserveTaken);
  }

  /** Takes an online booking's seats; false (nothing taken) when they do not fit. */
  public boolean takeOnline(int seats) {
    return seats().takeOnline(seats).map(this::apply).isPresent();
  }

  /** Gives a cancelled party's seats back to the pools they came from. */
  public void release(int fromOnline, int fromReserve) {
    apply(seats().release(fromOnline, fromReserve));
  }

  private SlotCapacity apply(SlotCapacity after) {
    onlineTaken = after.onlineTaken();
    reserveTaken = after.reserveTaken();
    return after;
  }

  /** Takes a walk-in party's seats, reserve first; empty (nothing taken) when they do not fit. */
  public Optional<SlotCapacity.WalkInSeats> takeWalkIn(int seats) {
    Optional<SlotCapacity.WalkInSeats> taken = seats().takeWalkIn(seats);
    taken.ifPresent(split -> apply(seats().after(split)));
    return taken;
  }

  /**
   * An admin's edit, on a row locked before it was read. A slot keeps the seats taken in it: a
   * capacity or reserve that cannot hold them is refused with the numbers, and so is a new date
   * while it has registrations (their tickets' signed tokens carry the date).
   */
  public void edit(
      LocalDate date, LocalTime startsAt, LocalTime endsAt, int capacity, int walkInReserve) {
    if (!endsAt.isAfter(startsAt)) {
      throw new EventRuleException("endsAt", "A slot must end after it starts");
    }
    if (!event.covers(date)) {
      throw new EventRuleException(
          "date",
          "The date must be within the event's dates ("
              + event.startsOn()
              + " to "
              + event.endsOn()
              + ")");
    }
    SlotCapacity seats = seats();
    if (!date.equals(this.date) && seats.taken() > 0) {
      throw new EventRuleException(
          null,
          "This slot has registrations; their tickets carry its date, so it cannot move to"
              + " another day",
          Map.of("taken", seats.taken()));
    }
    SlotCapacity resized;
    try {
      resized =
          seats
              .resized(capacity, walkInReserve)
              .orElseThrow(
                  () ->
                      new EventRuleException(
                          null,
                          "Seats already taken do not fit: "
                              + seats.onlineTaken()
                              + " online (the capacity less the reserve must hold them) and "
                              + seats.reserveTaken()
                              + " from the walk-in reserve",
                          Map.of(
                              "onlineTaken", seats.onlineTaken(),
                              "reserveTaken", seats.reserveTaken(),
                              "taken", seats.taken())));
    } catch (IllegalArgumentException e) {
      throw new EventRuleException(
          capacity < 0 ? "capacity" : "walkInReserve",
          "The capacity must not be negative, and the walk-in reserve must be between 0 and the"
              + " capacity");
    }
    this.date = date;
    this.startsAt = startsAt;
    this.endsAt = endsAt;
    this.capacity = resized.capacity();
    this.walkInReserve = resized.walkInReserve();
  }

  public UUID id() {
    return id;
  }

  public Event event() {
    return event;
  }

  public LocalDate date() {
    return date;
  }

  public LocalTime startsAt() {
    return startsAt;
  }

  public LocalTime endsAt() {
    return endsAt;
  }

  /**
   * Whether registration for this slot is open at {@code now}: the event's switch, and not over.
   */
  public boolean openAt(java.time.Instant now) {
    return event.registrationOpen()
        && java.time.LocalDateTime.ofInstant(now, event.zone()).isBefore(date.atTime(endsAt));
  }
}
