package in.pravesh.analytics.application;

import in.pravesh.platform.BusinessException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The numbers of an event, from SQL aggregates over the registration, ticket and admission tables
 * (indexed by slot and by event): the database is the one truth every node reads, so they agree
 * across the cluster. Analytics is the top layer: it reads the other contexts' tables and changes
 * nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class Statistics {

  static final List<String> CHANNELS = List.of("WEB", "WHATSAPP", "VOLUNTEER");

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  public EventStats of(String slug) {
    return of(eventId(slug));
  }

  /** The id of the event with this slug; 404 if there is none. */
  public UUID eventId(String slug) {
    List<?> found =
        em.createNativeQuery("select id from event where slug = ?1")
            .setParameter(1, slug)
            .getResultList();
    if (found.isEmpty()) {
      throw BusinessException.notFound("Event '" + slug + "'");
    }
    return (UUID) found.get(0);
  }

  public EventStats of(UUID eventId) {
    ZoneId zone =
        ZoneId.of(
            (String)
                em.createNativeQuery("select time_zone from event where id = ?1")
                    .setParameter(1, eventId)
                    .getSingleResult());
    return new EventStats(
        registrations(eventId),
        tickets(eventId),
        entries(eventId, zone),
        clock.instant().atZone(zone).toOffsetDateTime());
  }

  private EventStats.Registrations registrations(UUID eventId) {
    Map<String, Long> byChannel = new LinkedHashMap<>();
    CHANNELS.forEach(channel -> byChannel.put(channel, 0L));
    long total = 0;
    long people = 0;
    for (Object[] row :
        rows(
            "select r.channel, count(*), coalesce(sum(r.party_size), 0) from registration r"
                + " join slot s on s.id = r.slot_id where s.event_id = ?1"
                + " and r.status <> 'CANCELLED' group by r.channel",
            eventId)) {
      long count = number(row[1]);
      byChannel.put((String) row[0], count);
      total += count;
      people += number(row[2]);
    }
    List<EventStats.DateCount> byDate = new ArrayList<>();
    for (Object[] row :
        rows(
            "select s.slot_date, count(*) from registration r join slot s on s.id = r.slot_id"
                + " where s.event_id = ?1 and r.status <> 'CANCELLED'"
                + " group by s.slot_date order by s.slot_date",
            eventId)) {
      byDate.add(new EventStats.DateCount(date(row[0]), number(row[1])));
    }
    return new EventStats.Registrations(total, people, byChannel, byDate);
  }

  private EventStats.Tickets tickets(UUID eventId) {
    Object[] row =
        rows(
                "select count(*) filter (where r.status = 'PENDING'),"
                    + " count(*) filter (where r.status = 'TICKETED')"
                    + " from registration r join slot s on s.id = r.slot_id where s.event_id = ?1",
                eventId)
            .get(0);
    return new EventStats.Tickets(number(row[0]), number(row[1]));
  }

  private EventStats.Entries entries(UUID eventId, ZoneId zone) {
    long total = 0;
    long people = 0;
    List<EventStats.GateCount> byGate = new ArrayList<>();
    for (Object[] row :
        rows(
            "select g.id, g.name, count(a.ticket_id), coalesce(sum(a.party_size), 0)"
                + " from gate g left join admission a on a.gate_id = g.id and a.event_id = ?1"
                + " where g.event_id = ?1 group by g.id, g.name order by g.name",
            eventId)) {
      long count = number(row[2]);
      byGate.add(
          new EventStats.GateCount(row[0].toString(), (String) row[1], count, number(row[3])));
      total += count;
      people += number(row[3]);
    }
    List<EventStats.HourCount> byHour = new ArrayList<>();
    for (Object[] row :
        rows(
            "select date_trunc('hour', a.admitted_at at time zone ?2), count(*) from admission a"
                + " where a.event_id = ?1 group by 1 order by 1",
            eventId,
            zone.getId())) {
      LocalDateTime hour = localDateTime(row[0]);
      byHour.add(new EventStats.HourCount(hour.atZone(zone).toOffsetDateTime(), number(row[1])));
    }
    return new EventStats.Entries(total, people, byGate, byHour);
  }

  @SuppressWarnings("unchecked")
  private List<Object[]> rows(String sql, Object... parameters) {
    var query = em.createNativeQuery(sql);
    for (int i = 0; i < parameters.length; i++) {
      query.setParameter(i + 1, parameters[i]);
    }
    return (List<Object[]>) query.getResultList();
  }

  private static long number(Object value) {
    return ((Number) value).longValue();
  }

  private static LocalDate date(Object value) {
    return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
  }

  private static LocalDateTime localDateTime(Object value) {
    return value instanceof Timestamp timestamp
        ? timestamp.toLocalDateTime()
        : (LocalDateTime) value;
  }
}
