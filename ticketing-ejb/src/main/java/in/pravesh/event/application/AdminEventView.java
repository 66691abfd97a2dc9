package in.pravesh.event.application;

import in.pravesh.event.domain.Event;
import in.pravesh.event.domain.Gate;
import in.pravesh.event.domain.Slot;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** An event as admins see it: every slot with its seats in both pools, every gate. */
public record AdminEventView(
    String id,
    String slug,
    String name,
    String venue,
    String timeZone,
    LocalDate startsOn,
    LocalDate endsOn,
    boolean registrationOpen,
    boolean reentry,
    Integer maxInside,
    List<AdminSlot> slots,
    List<AdminGate> gates) {

  private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm");

  /** A slot's seats: capacity, the walk-in reserve, what is taken from each pool, what is left. */
  public record AdminSlot(
      String id,
      LocalDate date,
      String startsAt,
      String endsAt,
      int capacity,
      int walkInReserve,
      int onlineTaken,
      int reserveTaken,
      int remaining,
      int remainingForWalkIns) {

    public static AdminSlot of(Slot slot) {
      var seats = slot.seats();
      return new AdminSlot(
          slot.id().toString(),
          slot.date(),
          HOURS.format(slot.startsAt()),
          HOURS.format(slot.endsAt()),
          seats.capacity(),
          seats.walkInReserve(),
          seats.onlineTaken(),
          seats.reserveTaken(),
          seats.remaining(),
          seats.remainingForWalkIns());
    }
  }

  /** A gate; a retired one takes no more scans. */
  public record AdminGate(String id, String name, boolean retired) {

    public static AdminGate of(Gate gate) {
      return new AdminGate(gate.id().toString(), gate.name(), gate.retired());
    }
  }

  public static AdminEventView of(Event event) {
    return new AdminEventView(
        event.id().toString(),
        event.slug(),
        event.name(),
        event.venue(),
        event.zone().getId(),
        event.startsOn(),
        event.endsOn(),
        event.registrationOpen(),
        event.reentry(),
        event.maxInside(),
        event.slots().stream().map(AdminSlot::of).toList(),
        event.gates().stream().map(AdminGate::of).toList());
  }
}
