package in.pravesh.entry.application;

import in.pravesh.entry.domain.ScanOutcome;
import in.pravesh.entry.domain.ScannedTicket;
import in.pravesh.platform.EventActivity;
import in.pravesh.platform.SqlValues;
import in.pravesh.ticket.application.Admissions;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The database side of entry, and its truth: a ticket is admitted when its {@code admission} row
 * (unique on ticket and date) is committed, and only then. Every method is one transaction that
 * also records the scan.
 */
@Stateless
@LocalBean
@Local(Admissions.class)
public class AdmissionLedger implements Admissions {

  /** Where the answer came from, as recorded with each scan. */
  public enum DecidedBy {
    CACHE,
    DATABASE,
    TOKEN;

    String column() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A decision of the database, with the key of the scan that admitted the ticket, if any. */
  public record Decision(ScanResult result, String admittingScanKey) {}

  @PersistenceContext EntityManager em;
  @Inject Event<EventActivity> activity;

  /**
   * Decides a ticket's admission today. The ticket row is read {@code FOR SHARE}, so a cancellation
   * (which locks it for update) either happens before, and the scan answers REVOKED, or waits for
   * the admission and is refused.
   */
  public Decision admit(
      String ticketId, GateInfo gate, Scan scan, String scanKey, Instant now, LocalDate today) {
    // One statement: the ticket read FOR SHARE and, when nothing refuses it, its admission inserted
    // (the same conditions as the refusals below, so a refusal never inserts).
    List<?> rows =
        em.createNativeQuery(
                "with t as (select t.id, t.code, r.name, t.party_size, t.ticket_date, t.event_id,"
                    + " t.revoked_at from ticket t join registration r on r.id = t.registration_id"
                    + " where t.id = ?1 for share of t),"
                    + " a as (insert into admission (ticket_id, admitted_on, event_id, gate_id,"
                    + " party_size, admitted_at, volunteer_id, scan_key) select t.id, ?2, ?3, ?4,"
                    + " t.party_size, ?5, ?6, cast(?7 as varchar) from t where t.event_id = ?3"
                    + " and t.revoked_at is null and t.ticket_date = ?2"
                    + " on conflict (ticket_id, admitted_on) do nothing returning ticket_id)"
                    + " select t.*, (select count(*) from a) from t")
            .setParameter(1, ticketId)
            .setParameter(2, Date.valueOf(today))
            .setParameter(3, gate.eventId())
            .setParameter(4, gate.id())
            .setParameter(5, Timestamp.from(now))
            .setParameter(6, scan.volunteerId())
            .setParameter(7, scanKey)
            .getResultList();
    if (rows.isEmpty()) {
      return new Decision(decided(scan, gate, ScanResult.of(ScanOutcome.INVALID, null), now), null);
    }
    Object[] row = (Object[]) rows.get(0);
    ScannedTicket ticket = ticket(row);
    ScanOutcome refusal =
        !gate.eventId().equals(row[5])
            ? ScanOutcome.WRONG_EVENT
            : row[6] != null
                ? ScanOutcome.REVOKED
                : !ticket.date().equals(today) ? ScanOutcome.WRONG_DATE : null;
    if (refusal != null) {
      return new Decision(decided(scan, gate, ScanResult.of(refusal, ticket), now), null);
    }
    long inserted = ((Number) row[7]).longValue();
    ScanResult result;
    String admittingScanKey = scanKey;
    if (inserted == 1) {
      activity.fire(new EventActivity(gate.eventId()));
      result = ScanResult.admission(ScanOutcome.ADMITTED, ticket, now, gate.name(), gate.zone());
    } else {
      Object[] first =
          (Object[])
              em.createNativeQuery(
                      "select a.admitted_at, g.name, a.scan_key from admission a join gate g"
                          + " on g.id = a.gate_id where a.ticket_id = ?1 and a.admitted_on = ?2")
                  .setParameter(1, ticket.id())
                  .setParameter(2, Date.valueOf(today))
                  .getSingleResult();
      // The same physical scan sent again (a retry after a lost answer) is still the admission.
      admittingScanKey = (String) first[2];
      boolean sameScan = scanKey != null && scanKey.equals(admittingScanKey);
      result =
          ScanResult.admission(
              sameScan ? ScanOutcome.ADMITTED : ScanOutcome.ALREADY_ADMITTED,
              ticket,
              SqlValues.instant(first[0]),
              (String) first[1],
              gate.zone());
    }
    return new Decision(decided(scan, gate, result, now), admittingScanKey);
  }

  /**
   * A refusal decided from the token alone (another event, another date): the ticket is looked up
   * only to show who it is; a ticket that no longer exists is INVALID.
   */
  public ScanResult refuse(
      String ticketId, ScanOutcome outcome, GateInfo gate, Scan scan, Instant now) {
    List<?> rows =
        em.createNativeQuery(
                "select t.id, t.code, r.name, t.party_size, t.ticket_date from ticket t"
                    + " join registration r on r.id = t.registration_id where t.id = ?1")
            .setParameter(1, ticketId)
            .getResultList();
    ScanResult result =
        rows.isEmpty()
            ? ScanResult.of(ScanOutcome.INVALID, null)
            : ScanResult.of(outcome, ticket((Object[]) rows.get(0)));
    record(scan, gate, result, rows.isEmpty() ? DecidedBy.DATABASE : DecidedBy.TOKEN, now);
    return result;
  }

  /** Whether the ticket got in, read in the caller's transaction (which has locked the ticket). */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  @Override
  public boolean admitted(String ticketId) {
    return !em.createNativeQuery("select 1 from admission where ticket_id = ?1")
        .setParameter(1, ticketId)
        .getResultList()
        .isEmpty();
  }

  /** The ticket with this short code at the gate's event (a read: no transaction of its own). */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<String> ticketIdByCode(GateInfo gate, String code) {
    return em.createNativeQuery("select id from ticket where event_id = ?1 and code = ?2")
        .setParameter(1, gate.eventId())
        .setParameter(2, code)
        .getResultStream()
        .findFirst()
        .map(String.class::cast);
  }

  /** Records a scan (the ticket, if any, is the result's). */
  public void record(
      Scan scan, GateInfo gate, ScanResult result, DecidedBy decidedBy, Instant now) {
    em.createNativeQuery(
            // With the gate the volunteer is assigned to (in the same statement: no extra round
            // trip), so that scans at another gate show as such.
            "insert into scan (event_id, gate_id, ticket_id, device_id, volunteer_id, outcome,"
                + " decided_by, scanned_at, assigned_gate_id) values (?1, ?2, cast(?3 as varchar),"
                + " cast(?4 as varchar), ?5, ?6, ?7, ?8, (select s.gate_id from staff s join person p"
                + " on p.phone = s.phone where p.id = ?5))")
        .setParameter(1, gate.eventId())
        .setParameter(2, gate.id())
        .setParameter(3, result.ticket() == null ? null : result.ticket().id())
        .setParameter(4, scan.deviceId())
        .setParameter(5, scan.volunteerId())
        .setParameter(6, result.outcome().name())
        .setParameter(7, decidedBy.column())
        .setParameter(8, Timestamp.from(now))
        .executeUpdate();
  }

  private ScanResult decided(Scan scan, GateInfo gate, ScanResult result, Instant now) {
    record(scan, gate, result, DecidedBy.DATABASE, now);
    return result;
  }

  private static ScannedTicket ticket(Object[] row) {
    return new ScannedTicket(
        (String) row[0],
        (String) row[1],
        (String) row[2],
        ((Number) row[3]).intValue(),
        row[4] instanceof Date date ? date.toLocalDate() : (LocalDate) row[4]);
  }
}
