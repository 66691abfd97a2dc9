package in.pravesh.event.application;

import in.pravesh.event.domain.Event;
import in.pravesh.event.domain.Slot;
import in.pravesh.platform.BusinessException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/** The public view of events: what is on, and when, with the seats left. */
@Stateless
public class EventCatalog {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  /** Events that have not ended yet (in their own time zones), soonest first. */
  public List<EventView> currentAndUpcoming() {
    // A day of slack covers every time zone; the exact test is per event below.
    LocalDate earliestEnd = LocalDate.now(clock).minusDays(1);
    return em
        .createQuery(
            "select distinct e from Event e left join fetch e.slots"
                + " where e.endsOn >= :earliestEnd",
            Event.class)
        .setParameter("earliestEnd", earliestEnd)
        // A list, not a stream: a stream of a collection fetch yields an event once per row, each
        // with the slots of the rows read so far.
        .getResultList()
        .stream()
        .filter(event -> event.isCurrentOrUpcoming(clock))
        .sorted(Comparator.comparing(Event::startsOn).thenComparing(Event::slug))
        .map(EventView::of)
        .toList();
  }

  /**
   * Events taking registrations now, each with its slots that are still open (full ones too),
   * soonest first; events without such a slot are left out.
   */
  public List<EventView> openForRegistration() {
    java.time.Instant now = clock.instant();
    return em
        .createQuery(
            "select distinct e from Event e left join fetch e.slots"
                + " where e.endsOn >= :earliestEnd and e.registrationOpen = true",
            Event.class)
        .setParameter("earliestEnd", LocalDate.now(clock).minusDays(1))
        .getResultList()
        .stream()
        .map(
            event ->
                EventView.of(
                    event,
                    event.slots().stream()
                        .filter(slot -> slot.openAt(now))
                        .sorted(Comparator.comparing(Slot::date).thenComparing(Slot::startsAt))
                        .toList()))
        .filter(event -> !event.slots().isEmpty())
        .sorted(
            Comparator.comparing((EventView e) -> e.slots().get(0).date())
                .thenComparing(EventView::slug))
        .toList();
  }

  /** The gates of an event still in use, by name. */
  public List<GateView> gates(String slug) {
    List<GateView> gates =
        em.createQuery(
                "select new in.pravesh.event.application.GateView(cast(g.id as String), g.name)"
                    + " from Gate g where g.event.slug = :slug and g.retiredAt is null"
                    + " order by g.name",
                GateView.class)
            .setParameter("slug", slug)
            .getResultList();
    if (gates.isEmpty()) {
      bySlug(slug); // 404 for an unknown event; an event without gates has an empty list
    }
    return gates;
  }

  /** One event by its slug, whatever its dates. */
  public EventView bySlug(String slug) {
    return em
        .createQuery(
            "select distinct e from Event e left join fetch e.slots where e.slug = :slug",
            Event.class)
        .setParameter("slug", slug)
        .getResultList()
        .stream()
        .findFirst()
        .map(EventView::of)
        .orElseThrow(() -> BusinessException.notFound("Event '" + slug + "'"));
  }
}
