package in.pravesh.analytics.application;

import in.pravesh.platform.BusinessException;
import in.pravesh.platform.SqlValues;
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
    ZoneId zone = zone(eventId);
    return new EventStats(
        registrations(eventId),
        tickets(eventId),
        entries(eventId, zone),
        clock.instant().atZone(zone).toOffsetDateTime());
  }

  public Occupancy occupancy(String slug) {
    return occupancy(eventId(slug));
  }

  /** Today's occupancy in the event's zone, read from the counts the scans maintain. */
  public Occupancy occupancy(UUID eventId) {
    Object[] event = rows("select time_zone, max_inside from event where id = ?1", eventId).get(0);
    ZoneId zone = ZoneId.of((String) event[0]);
    LocalDate today = clock.instant().atZone(zone).toLocalDate();
    List<Object[]> count =
        rows(
            "select inside, changed_at from occupancy where event_id = ?1 and on_date = ?2",
            eventId,
            today);
    List<Occupancy.GateFlow> byGate = new ArrayList<>();
    for (Object[] row :
        rows(
            // Only the gates people went through today: an event may have hundreds.
            "select g.id, g.name, f.people_in, f.people_out from gate_flow f"
                + " join gate g on g.id = f.gate_id where f.event_id = ?1 and f.on_date = ?2"
                + " order by g.name",
            eventId,
            today)) {
      byGate.add(
          new Occupancy.GateFlow(
              row[0].toString(), (String) row[1], number(row[2]), number(row[3])));
    }
    java.time.Instant updated =
        count.isEmpty() ? clock.instant() : SqlValues.instant(count.get(0)[1]);
    return new Occupancy(
        count.isEmpty() ? 0 : number(count.get(0)[0]),
        event[1] == null ? null : ((Number) event[1]).intValue(),
        byGate,
        updated.atZone(zone).toOffsetDateTime());
  }

  /** The event's entry conflicts, newest first (at most 1,000), times in the event's zone. */
  public List<EntryConflict> conflicts(String slug) {
    UUID eventId = eventId(slug);
    ZoneId zone = zone(eventId);
    List<EntryConflict> conflicts = new ArrayList<>();
    for (Object[] row :
        rows(
            "select t.id, t.code, r.name, t.party_size, t.ticket_date,"
                + " g1.name, c.first_device, coalesce(s1.name, c.first_volunteer::text), c.first_at,"
                + " g2.name, c.second_device, coalesce(s2.name, c.second_volunteer::text),"
                + " c.second_at, c.kind from entry_conflict c join ticket t on t.id = c.ticket_id"
                + " join registration r on r.id = t.registration_id"
                + " left join gate g1 on g1.id = c.first_gate_id"
                + " join gate g2 on g2.id = c.second_gate_id"
                + " left join person p1 on p1.id = c.first_volunteer"
                + " left join staff s1 on s1.phone = p1.phone"
                + " left join person p2 on p2.id = c.second_volunteer"
                + " left join staff s2 on s2.phone = p2.phone"
                + " where c.event_id = ?1 order by c.recorded_at desc, c.id desc limit 1000",
            eventId)) {
      conflicts.add(
          new EntryConflict(
              (String) row[13],
              new in.pravesh.entry.domain.ScannedTicket(
                  (String) row[0],
                  (String) row[1],
                  (String) row[2],
                  ((Number) row[3]).intValue(),
                  date(row[4])),
              new EntryConflict.Side(
                  (String) row[5],
                  (String) row[6],
                  (String) row[7],
                  SqlValues.instant(row[8]).atZone(zone).toOffsetDateTime()),
              new EntryConflict.Side(
                  (String) row[9],
                  (String) row[10],
                  (String) row[11],
                  SqlValues.instant(row[12]).atZone(zone).toOffsetDateTime())));
    }
    return conflicts;
  }

  private ZoneId zone(UUID eventId) {
    return ZoneId.of(
        (String)
            em.createNativeQuery("select time_zone from event where id = ?1")
                .setParameter(1, eventId)
                .getSingleResult());
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
