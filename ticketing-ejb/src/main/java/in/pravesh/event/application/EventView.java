package in.pravesh.event.application;

import in.pravesh.event.domain.Event;
import java.time.LocalDate;
import java.util.List;

/** An event as the public API shows it (api.md, Events). */
public record EventView(
    String id,
    String slug,
    String name,
    String venue,
    String timeZone,
    LocalDate startsOn,
    LocalDate endsOn,
    boolean registrationOpen,
    List<SlotView> slots) {

  static EventView of(Event event) {
    return of(event, event.slots());
  }

  static EventView of(Event event, List<in.pravesh.event.domain.Slot> slots) {
    return new EventView(
        event.id().toString(),
        event.slug(),
        event.name(),
        event.venue(),
        event.zone().getId(),
        event.startsOn(),
        event.endsOn(),
        event.registrationOpen(),
        slots.stream().map(SlotView::of).toList());
  }
}
