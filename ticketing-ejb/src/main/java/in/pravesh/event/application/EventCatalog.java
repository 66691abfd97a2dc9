package in.pravesh.event.application;

import in.pravesh.event.domain.Event;
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
