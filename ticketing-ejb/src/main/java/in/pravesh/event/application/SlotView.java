package in.pravesh.event.application;

import in.pravesh.event.domain.Slot;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** A slot as the public API shows it: local hours as {@code HH:mm} on its date. */
public record SlotView(
    String id, LocalDate date, String startsAt, String endsAt, int capacity, int remaining) {

  private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm");

  public static SlotView of(Slot slot) {
    return new SlotView(
        slot.id().toString(),
        slot.date(),
        HOURS.format(slot.startsAt()),
        HOURS.format(slot.endsAt()),
        slot.seats().capacity(),
        slot.seats().remaining());
  }
}
