package in.pravesh.registration.application;

import in.pravesh.identity.domain.PhoneNumber;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * The consent records of an event's registrations (DPDP Act, 2023), for the console: who consented
 * (the masked phone, while it is kept; no name), when and by which channel, the registration's
 * status, and when retention anonymised it. Newest first.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ConsentRecords {

  @PersistenceContext EntityManager em;

  public record Page(List<Consent> items, int page, int size, long total) {}

  public record Consent(
      String registrationId,
      String phone,
      String channel,
      OffsetDateTime consentAt,
      String consentChannel,
      String status,
      OffsetDateTime anonymisedAt) {}

  public Page of(UUID eventId, int page, int size) {
    String zone =
        (String)
            em.createNativeQuery("select time_zone from event where id = ?1")
                .setParameter(1, eventId)
                .getSingleResult();
    ZoneId eventZone = ZoneId.of(zone);
    long total =
        ((Number)
                em.createNativeQuery(
                        "select count(*) from registration r join slot s on s.id = r.slot_id"
                            + " where s.event_id = ?1")
                    .setParameter(1, eventId)
                    .getSingleResult())
            .longValue();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select r.id, r.phone, r.channel, r.consent_at, r.consent_channel,"
                    + " r.status, r.anonymised_at from registration r join slot s"
                    + " on s.id = r.slot_id where s.event_id = ?1"
                    + " order by r.created_at desc, r.id limit ?2 offset ?3")
            .setParameter(1, eventId)
            .setParameter(2, size)
            .setParameter(3, (long) page * size)
            .getResultList();
    List<Consent> items =
        rows.stream()
            .map(
                row ->
                    new Consent(
                        row[0].toString(),
                        row[1] == null ? null : new PhoneNumber((String) row[1]).masked(),
                        (String) row[2],
                        at(row[3], eventZone),
                        (String) row[4],
                        (String) row[5],
                        at(row[6], eventZone)))
            .toList();
    return new Page(items, page, size, total);
  }

  private static OffsetDateTime at(Object value, ZoneId zone) {
    if (value == null) {
      return null;
    }
    var instant =
        value instanceof Timestamp timestamp
            ? timestamp.toInstant()
            : value instanceof java.time.Instant i ? i : ((OffsetDateTime) value).toInstant();
    return instant.atZone(zone).toOffsetDateTime().withNano(0);
  }
}
