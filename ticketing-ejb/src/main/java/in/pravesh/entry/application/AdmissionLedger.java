package in.pravesh.entry.application;

import in.pravesh.entry.domain.ScanOutcome;
import in.pravesh.entry.domain.ScannedTicket;
import in.pravesh.platform.EventActivity;
import in.pravesh.platform.SqlValues;
import in.pravesh.ticket.application.Admissions;
import jakarta.annotation.Resource;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

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

  /** A scan of a ticket the database is to decide. */
  public record Ask(
      String ticketId, GateInfo gate, Scan scan, String scanKey, Instant now, LocalDate today) {}

  /** A scan answered without the database (from the cache, from the token), to record. */
  public record Note(
      Scan scan, GateInfo gate, ScanResult result, DecidedBy decidedBy, Instant now) {}

  @PersistenceContext EntityManager em;
  @Inject Event<EventActivity> activity;

  @Resource(lookup = "java:jboss/datasources/PraveshDS")
  DataSource dataSource;

  /**
   * Decides many scans and records them and {@code notes} in one transaction (group commit, {@link
   * ScanBatches}). A ticket is read {@code FOR SHARE}, so a cancellation (which locks it for
   * update) either happens before, and the scan answers REVOKED, or waits for the admission and is
   * refused; the tickets are locked in id order, as every batch locks them; each admissible
   * ticket's admission is inserted once (unique on ticket and date: a ticket twice in the batch, or
   * admitted by another transaction, gets the admission that stands), and every scan gets its
   * {@code scan} row. Throws if any part fails, and then nothing of the batch is written.
   *
   * @param waitForLocks false for a batch: a ticket locked by a cancellation must not hold up the
   *     batch's other scans, so the batch fails after 200 ms and each of its scans is decided
   *     alone, where it waits as it must
   * @return the decisions, in the order of {@code asks}
   */
  public List<Decision> decideAll(List<Ask> asks, List<Note> notes, boolean waitForLocks) {
    try (Connection db = dataSource.getConnection()) {
      if (!waitForLocks) {
        try (Statement limit = db.createStatement()) {
          limit.execute("set local lock_timeout = '200ms'");
        }
      }
      Map<String, Object[]> tickets = lockTickets(db, asks);
      Decision[] decisions = new Decision[asks.size()];
      Map<String, Integer> admissible = new TreeMap<>(); // "ticket|date" -> the first ask
      for (int i = 0; i < asks.size(); i++) {
        Ask ask = asks.get(i);
        Object[] row = tickets.get(ask.ticketId());
        ScanOutcome refusal =
            row == null ? ScanOutcome.INVALID : refusal(row, ask.gate(), ask.today());
        if (refusal != null) {
          ScannedTicket ticket = row == null ? null : ticket(row);
          decisions[i] = new Decision(ScanResult.of(refusal, ticket), null);
        } else {
          admissible.putIfAbsent(ask.ticketId() + "|" + ask.today(), i);
        }
      }
      Set<String> inserted = insertAdmissions(db, asks, tickets, admissible.values());
      List<Ask> toRead = new ArrayList<>();
      for (int i = 0; i < asks.size(); i++) {
        Ask ask = asks.get(i);
        String key = ask.ticketId() + "|" + ask.today();
        if (decisions[i] == null && inserted.contains(key) && admissible.get(key) == i) {
          ScannedTicket ticket = ticket(tickets.get(ask.ticketId()));
          decisions[i] =
              new Decision(
                  ScanResult.admission(
                      ScanOutcome.ADMITTED,
                      ticket,
                      ask.now(),
                      ask.gate().name(),
                      ask.gate().zone()),
                  ask.scanKey());
          activity.fire(new EventActivity(ask.gate().eventId()));
        } else if (decisions[i] == null) {
          toRead.add(ask);
        }
      }
      Map<String, Object[]> standing = standingAdmissions(db, toRead);
      for (int i = 0; i < asks.size(); i++) {
        if (decisions[i] != null) {
          continue;
        }
        Ask ask = asks.get(i);
        Object[] first = standing.get(ask.ticketId() + "|" + ask.today());
        if (first == null) {
          throw new IllegalStateException("no admission stands for ticket " + ask.ticketId());
        }
        // The same physical scan sent again (a retry after a lost answer) is still the admission.
        String admittingScanKey = (String) first[2];
        boolean sameScan = ask.scanKey() != null && ask.scanKey().equals(admittingScanKey);
        decisions[i] =
            new Decision(
                ScanResult.admission(
                    sameScan ? ScanOutcome.ADMITTED : ScanOutcome.ALREADY_ADMITTED,
                    ticket(tickets.get(ask.ticketId())),
                    SqlValues.instant(first[0]),
                    (String) first[1],
                    ask.gate().zone()),
                admittingScanKey);
      }
      List<Note> rows = new ArrayList<>(notes);
      for (int i = 0; i < asks.size(); i++) {
        Ask ask = asks.get(i);
        rows.add(
            new Note(ask.scan(), ask.gate(), decisions[i].result(), DecidedBy.DATABASE, ask.now()));
      }
      insertScans(db, rows);
      return List.of(decisions);
    } catch (SQLException e) {
      throw new PersistenceException("a batch of scans could not be decided", e);
    }
  }

  private static Map<String, Object[]> lockTickets(Connection db, List<Ask> asks)
      throws SQLException {
    Map<String, Object[]> tickets = new HashMap<>();
    if (asks.isEmpty()) {
      return tickets;
    }
    try (PreparedStatement query =
        db.prepareStatement(
            "select t.id, t.code, r.name, t.party_size, t.ticket_date, t.event_id, t.revoked_at"
                + " from ticket t join registration r on r.id = t.registration_id"
                + " where t.id = any(?) order by t.id for share of t")) {
      query.setArray(1, texts(db, asks.stream().map(Ask::ticketId).distinct().toList()));
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          tickets.put(
              row.getString(1),
              new Object[] {
                row.getString(1),
                row.getString(2),
                row.getString(3),
                row.getInt(4),
                row.getDate(5),
                row.getObject(6),
                row.getObject(7)
              });
        }
      }
    }
    return tickets;
  }

  /** Inserts the admissions of the asks at {@code indexes}, in ticket order; those inserted. */
  private static Set<String> insertAdmissions(
      Connection db,
      List<Ask> asks,
      Map<String, Object[]> tickets,
      java.util.Collection<Integer> indexes)
      throws SQLException {
    Set<String> inserted = new HashSet<>();
    if (indexes.isEmpty()) {
      return inserted;
    }
    List<List<String>> columns = columns(8);
    for (int i : indexes) {
      Ask ask = asks.get(i);
      add(
          columns,
          ask.ticketId(),
          ask.today().toString(),
          ask.gate().eventId().toString(),
          ask.gate().id().toString(),
          String.valueOf(tickets.get(ask.ticketId())[3]),
          ask.now().toString(),
          ask.scan().volunteerId().toString(),
          ask.scanKey());
    }
    try (PreparedStatement insert =
        db.prepareStatement(
            "insert into admission (ticket_id, admitted_on, event_id, gate_id, party_size,"
                + " admitted_at, volunteer_id, scan_key) select u.t, u.d::date, u.e::uuid,"
                + " u.g::uuid, u.p::int, u.a::timestamptz, u.v::uuid, u.k"
                + " from unnest(?, ?, ?, ?, ?, ?, ?, ?) as u(t, d, e, g, p, a, v, k) order by u.t"
                + " on conflict (ticket_id, admitted_on) do nothing"
                + " returning ticket_id, admitted_on")) {
      setColumns(db, insert, columns);
      try (ResultSet row = insert.executeQuery()) {
        while (row.next()) {
          inserted.add(row.getString(1) + "|" + row.getDate(2).toLocalDate());
        }
      }
    }
    return inserted;
  }

  /** The admissions that stand for these asks' tickets and dates: when, the gate, the scan key. */
  private static Map<String, Object[]> standingAdmissions(Connection db, List<Ask> asks)
      throws SQLException {
    Map<String, Object[]> standing = new HashMap<>();
    if (asks.isEmpty()) {
      return standing;
    }
    List<List<String>> columns = columns(2);
    for (Ask ask : asks) {
      add(columns, ask.ticketId(), ask.today().toString());
    }
    try (PreparedStatement query =
        db.prepareStatement(
            "select a.ticket_id, a.admitted_on, a.admitted_at, g.name, a.scan_key"
                + " from unnest(?, ?) as u(t, d)"
                + " join admission a on a.ticket_id = u.t and a.admitted_on = u.d::date"
                + " join gate g on g.id = a.gate_id")) {
      setColumns(db, query, columns);
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          standing.put(
              row.getString(1) + "|" + row.getDate(2).toLocalDate(),
              new Object[] {row.getTimestamp(3), row.getString(4), row.getString(5)});
        }
      }
    }
    return standing;
  }

  /**
   * One {@code scan} row each, with the gate each volunteer is assigned to (as {@link #record}).
   */
  private static void insertScans(Connection db, List<Note> notes) throws SQLException {
    if (notes.isEmpty()) {
      return;
    }
    List<List<String>> columns = columns(8);
    for (Note note : notes) {
      add(
          columns,
          note.gate().eventId().toString(),
          note.gate().id().toString(),
          note.result().ticket() == null ? null : note.result().ticket().id(),
          note.scan().deviceId(),
          note.scan().volunteerId().toString(),
          note.result().outcome().name(),
          note.decidedBy().column(),
          note.now().toString());
    }
    try (PreparedStatement insert =
        db.prepareStatement(
            "insert into scan (event_id, gate_id, ticket_id, device_id, volunteer_id, outcome,"
                + " decided_by, scanned_at, assigned_gate_id) select u.e::uuid, u.g::uuid, u.t,"
                + " u.dev, u.v::uuid, u.o, u.b, u.s::timestamptz, (select s.gate_id from staff s"
                + " join person p on p.phone = s.phone where p.id = u.v::uuid)"
                + " from unnest(?, ?, ?, ?, ?, ?, ?, ?) as u(e, g, t, dev, v, o, b, s)")) {
      setColumns(db, insert, columns);
      insert.executeUpdate();
    }
  }

  private static List<List<String>> columns(int count) {
    List<List<String>> columns = new ArrayList<>();
    for (int c = 0; c < count; c++) {
      columns.add(new ArrayList<>());
    }
    return columns;
  }

  private static void add(List<List<String>> columns, String... values) {
    for (int c = 0; c < values.length; c++) {
      columns.get(c).add(values[c]);
    }
  }

  /** Each column as a {@code text[]} parameter, in order (read with {@code unnest}). */
  private static void setColumns(
      Connection db, PreparedStatement statement, List<List<String>> columns) throws SQLException {
    for (int c = 0; c < columns.size(); c++) {
      statement.setArray(c + 1, texts(db, columns.get(c)));
    }
  }

  private static java.sql.Array texts(Connection db, List<String> values) throws SQLException {
    return db.createArrayOf("text", values.toArray(new String[0]));
  }

  private static ScanOutcome refusal(Object[] row, GateInfo gate, LocalDate today) {
    return !gate.eventId().equals(row[5])
        ? ScanOutcome.WRONG_EVENT
        : row[6] != null
            ? ScanOutcome.REVOKED
            : !ticket(row).date().equals(today) ? ScanOutcome.WRONG_DATE : null;
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

  private static ScannedTicket ticket(Object[] row) {
    return new ScannedTicket(
        (String) row[0],
        (String) row[1],
        (String) row[2],
        ((Number) row[3]).intValue(),
        row[4] instanceof Date date ? date.toLocalDate() : (LocalDate) row[4]);
  }
}
