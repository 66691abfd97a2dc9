package in.pravesh.event.application;

import in.pravesh.audit.AuditLog;
import in.pravesh.event.domain.Event;
import in.pravesh.event.domain.EventRuleException;
import in.pravesh.event.domain.Gate;
import in.pravesh.event.domain.Slot;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.CatalogChanges;
import in.pravesh.platform.EventActivity;
import in.pravesh.platform.ProblemType;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Events, slots and gates as admins change them (api.md, Admin). Each change is one transaction on
 * rows locked before they are read, audited in it: it happens whole, with its audit row, or not at
 * all. The rules of seats live in {@code SlotCapacity}; those of dates in {@code Event} and {@code
 * Slot}.
 */
@Stateless
public class EventAdmin {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject AuditLog audit;
  @Inject CatalogChanges catalog;
  @Inject SlotRegistrations slotRegistrations;
  @Inject jakarta.enterprise.event.Event<EventActivity> activity;

  /** Every event, newest first, with all its slots and gates. */
  public List<AdminEventView> list() {
    return em.createQuery("select e from Event e", Event.class)
        .getResultStream()
        .sorted(Comparator.comparing(Event::startsOn).reversed().thenComparing(Event::slug))
        .map(AdminEventView::of)
        .toList();
  }

  public AdminEventView get(UUID id) {
    return AdminEventView.of(event(id, LockModeType.NONE));
  }

  public AdminEventView create(EventForm form, AuditLog.Actor actor) {
    requireFreeSlug(form.slug(), null);
    Event event;
    ZoneId zone = form.timeZone() == null ? ZoneId.of(Event.DEFAULT_TIME_ZONE) : form.timeZone();
    try {
      event =
          new Event(form.slug(), form.name(), form.venue(), zone, form.startsOn(), form.endsOn());
      event.edit(
          form.slug(),
          form.name(),
          form.venue(),
          zone,
          form.startsOn(),
          form.endsOn(),
          form.registrationOpen(),
          form.reentry() == null || form.reentry(),
          form.maxInside());
    } catch (IllegalArgumentException e) {
      throw BusinessException.invalid("endsOn", "An event cannot end before it starts");
    } catch (EventRuleException e) {
      throw problem(e);
    }
    em.persist(event);
    flushUniqueSlug(form.slug());
    audit.record(actor, "event.created", event.id().toString(), describe(event));
    catalog.changed();
    return AdminEventView.of(event);
  }

  public AdminEventView update(UUID id, EventForm form, AuditLog.Actor actor) {
    Event event = event(id, LockModeType.PESSIMISTIC_WRITE);
    requireFreeSlug(form.slug(), id);
    try {
      // What a PUT leaves out stays as it is.
      event.edit(
          form.slug(),
          form.name(),
          form.venue(),
          form.timeZone() == null ? event.zone() : form.timeZone(),
          form.startsOn(),
          form.endsOn(),
          form.registrationOpen(),
          form.reentry() == null ? event.reentry() : form.reentry(),
          form.maxInside() == null ? event.maxInside() : form.maxInside());
    } catch (EventRuleException e) {
      throw problem(e);
    }
    flushUniqueSlug(form.slug());
    audit.record(actor, "event.changed", id.toString(), describe(event));
    catalog.changed();
    return AdminEventView.of(event);
  }

  public AdminEventView.AdminSlot addSlot(UUID eventId, SlotForm form, AuditLog.Actor actor) {
    Event event = event(eventId, LockModeType.PESSIMISTIC_WRITE);
    if (!event.covers(form.date())) {
      throw BusinessException.invalid(
          "date",
          "The date must be within the event's dates ("
              + event.startsOn()
              + " to "
              + event.endsOn()
              + ")");
    }
    if (!form.endsAt().isAfter(form.startsAt())) {
      throw BusinessException.invalid("endsAt", "A slot must end after it starts");
    }
    Slot slot;
    try {
      slot =
          new Slot(
              event,
              form.date(),
              form.startsAt(),
              form.endsAt(),
              form.capacity(),
              form.walkInReserve() == null ? 0 : form.walkInReserve());
    } catch (IllegalArgumentException e) {
      throw BusinessException.invalid(
          form.capacity() < 0 ? "capacity" : "walkInReserve",
          "The capacity must not be negative, and the walk-in reserve must be between 0 and the"
              + " capacity");
    }
    em.persist(slot);
    audit.record(actor, "slot.created", slot.id().toString(), describe(slot));
    catalog.changed();
    return AdminEventView.AdminSlot.of(slot);
  }

  /** Changes a slot, locked before it is read; a refused change leaves it as it was. */
  public AdminEventView.AdminSlot updateSlot(UUID slotId, SlotForm form, AuditLog.Actor actor) {
    Slot slot = slot(slotId);
    try {
      slot.edit(form.date(), form.startsAt(), form.endsAt(), form.capacity(), form.walkInReserve());
    } catch (EventRuleException e) {
      throw problem(e);
    }
    audit.record(actor, "slot.changed", slotId.toString(), describe(slot));
    catalog.changed();
    return AdminEventView.AdminSlot.of(slot);
  }

  /**
   * Deletes a slot that has never had a registration. Registrations reference the slot's row and
   * lock it to take seats, so one racing this delete either commits first (and the delete is
   * refused) or finds the slot gone (its insert's foreign key, or its seat update, finds no slot:
   * 400 "No such slot").
   */
  public void deleteSlot(UUID slotId, AuditLog.Actor actor) {
    Slot unlocked = em.find(Slot.class, slotId);
    if (unlocked == null) {
      throw BusinessException.notFound("Slot");
    }
    event(unlocked.event().id(), LockModeType.PESSIMISTIC_WRITE);
    Slot slot = slot(slotId);
    long registrations = slotRegistrations.count(slotId);
    if (registrations > 0 || slot.seats().taken() > 0) {
      throw new BusinessException(
          ProblemType.CONFLICT,
          "This slot has registrations ("
              + slot.seats().taken()
              + " seats taken); it cannot be deleted. Close registration instead.",
          Map.of("taken", slot.seats().taken(), "registrations", registrations));
    }
    audit.record(actor, "slot.deleted", slotId.toString(), describe(slot));
    catalog.changed();
    slot.event().slots().remove(slot);
    em.remove(slot);
  }

  public AdminEventView.AdminGate addGate(UUID eventId, String name, AuditLog.Actor actor) {
    Event event = event(eventId, LockModeType.PESSIMISTIC_WRITE);
    requireFreeGateName(event, name, null);
    Gate gate = new Gate(event, name);
    em.persist(gate);
    audit.record(actor, "gate.created", gate.id().toString(), name + " at " + event.slug());
    activity.fire(new EventActivity(event.id()));
    return AdminEventView.AdminGate.of(gate);
  }

  public AdminEventView.AdminGate renameGate(UUID gateId, String name, AuditLog.Actor actor) {
    Gate unlocked = em.find(Gate.class, gateId);
    if (unlocked == null) {
      throw BusinessException.notFound("Gate");
    }
    Event event = event(unlocked.event().id(), LockModeType.PESSIMISTIC_WRITE);
    Gate gate = gate(gateId);
    requireFreeGateName(event, name, gateId);
    String before = gate.name();
    gate.rename(name);
    audit.record(actor, "gate.renamed", gateId.toString(), before + " -> " + name);
    activity.fire(new EventActivity(event.id()));
    return AdminEventView.AdminGate.of(gate);
  }

  /** A retired gate takes no more scans and is no longer offered to scanners; it is kept. */
  public AdminEventView.AdminGate retireGate(UUID gateId, AuditLog.Actor actor) {
    Gate gate = gate(gateId);
    if (!gate.retired()) {
      gate.retire(clock.instant());
      audit.record(actor, "gate.retired", gateId.toString(), gate.name());
    }
    return AdminEventView.AdminGate.of(gate);
  }

  private void requireFreeSlug(String slug, UUID except) {
    boolean taken =
        em.createQuery("select e.id from Event e where e.slug = :slug", UUID.class)
            .setParameter("slug", slug)
            .getResultStream()
            .anyMatch(id -> !id.equals(except));
    if (taken) {
      throw new BusinessException(
          ProblemType.CONFLICT,
          "Another event has the slug '" + slug + "'",
          Map.of("errors", Map.of("slug", "In use by another event")));
    }
  }

  /** Two admins taking one slug at once: the unique index decides, and the loser gets a 409. */
  private void flushUniqueSlug(String slug) {
    try {
      em.flush();
    } catch (jakarta.persistence.PersistenceException e) {
      throw new BusinessException(
          ProblemType.CONFLICT,
          "Another event has the slug '" + slug + "'",
          Map.of("errors", Map.of("slug", "In use by another event")));
    }
  }

  private static void requireFreeGateName(Event event, String name, UUID except) {
    boolean taken =
        event.gates().stream()
            .anyMatch(g -> g.name().equalsIgnoreCase(name) && !g.id().equals(except));
    if (taken) {
      throw new BusinessException(
          ProblemType.CONFLICT,
          "This event already has a gate named '" + name + "'",
          Map.of("errors", Map.of("name", "In use by another gate of this event")));
    }
  }

  private Event event(UUID id, LockModeType lock) {
    Event event = em.find(Event.class, id, lock);
    if (event == null) {
      throw BusinessException.notFound("Event");
    }
    return event;
  }

  private Slot slot(UUID id) {
    Slot slot = em.find(Slot.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (slot == null) {
      throw BusinessException.notFound("Slot");
    }
    return slot;
  }

  private Gate gate(UUID id) {
    Gate gate = em.find(Gate.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (gate == null) {
      throw BusinessException.notFound("Gate");
    }
    return gate;
  }

  private static BusinessException problem(EventRuleException e) {
    if (e.field() != null) {
      return BusinessException.invalid(e.field(), e.getMessage());
    }
    return new BusinessException(ProblemType.CONFLICT, e.getMessage(), e.numbers());
  }

  private static String describe(Event event) {
    return event.slug()
        + " "
        + event.startsOn()
        + ".."
        + event.endsOn()
        + " "
        + event.zone().getId()
        + (event.registrationOpen() ? " open" : " closed");
  }

  private static String describe(Slot slot) {
    var seats = slot.seats();
    return slot.date()
        + " "
        + slot.startsAt()
        + "-"
        + slot.endsAt()
        + " capacity "
        + seats.capacity()
        + " reserve "
        + seats.walkInReserve();
  }
}
