package in.pravesh.entry.application;

import in.pravesh.entry.domain.Direction;
import in.pravesh.entry.domain.Repeats;
import in.pravesh.entry.domain.ScanOutcome;
import in.pravesh.entry.domain.ScannedTicket;
import in.pravesh.platform.EventActivity;
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
import java.util.TreeSet;
import java.util.UUID;
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

  /**
   * A ticket's entry state for its date, as its admission row holds it: its first admission (when,
   * at which gate, by which scan key), whether it is inside, its moves (exits and re-entries) and
   * the recent moves' scan keys (newest first, separated by spaces).
   */
  public record EntryState(
      Instant admittedAt,
      String firstGate,
      String admitScanKey,
      boolean inside,
      int moves,
      String moveKeys) {}

  /** A decision of the database, with the ticket's state after it (null: not admitted today). */
  public record Decision(ScanResult result, EntryState state) {}

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
   * ScanBatches}). Locks, always in this order (so that batches never deadlock): the tickets {@code
   * FOR SHARE} in id order (a cancellation, which locks its ticket for update, either happens
   * before, and the scan answers REVOKED, or waits for the admission and is refused); then each
   * event's {@code occupancy} row for the date (the event's entry lock: the count a VENUE_FULL is
   * decided on, and what makes every move of the event's tickets serial); then the tickets'
   * admission rows {@code FOR UPDATE}. The scans are then decided in order on that locked state (a
   * ticket twice in the batch: the second sees the first's move), and the admissions, the
   * occupancy, the gates' flows and every scan's {@code scan} row are written. Throws if any part
   * fails, and then nothing of the batch is written.
   *
   * @param waitForLocks false for a batch: a ticket locked by a cancellation must not hold up the
   *     batch's other scans, so the batch fails after 200 ms and each of its scans is decided
   *     alone, where it waits as it must
   * @return the decisions, in the order of {@code asks}
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public List<Decision> decideAll(List<Ask> asks, List<Note> notes, boolean waitForLocks) {
    Set<UUID> moved = new HashSet<>();
    try (Connection db = dataSource.getConnection()) {
      db.setAutoCommit(false);
      try {
        List<Decision> decisions = decideAll(db, asks, notes, waitForLocks, moved);
        db.commit();
        // After the commit: the live statistics of the events whose counts moved.
        moved.forEach(event -> activity.fire(new EventActivity(event)));
        return decisions;
      } catch (SQLException | RuntimeException e) {
        try {
          db.rollback();
        } catch (SQLException ignored) {
          // The session is gone (ended by the database): nothing of the batch was written.
        }
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new PersistenceException("a batch of scans could not be decided", e);
    }
  }

  private List<Decision> decideAll(
      Connection db, List<Ask> asks, List<Note> notes, boolean waitForLocks, Set<UUID> moved)
      throws SQLException {
    holdLocksBriefly(db);
    if (!waitForLocks) {
      lockTimeout(db, "200ms");
    }
    Map<String, Object[]> tickets = lockTickets(db, asks);
    Decision[] decisions = new Decision[asks.size()];
    List<Ask> live = new ArrayList<>();
    for (int i = 0; i < asks.size(); i++) {
      Ask ask = asks.get(i);
      Object[] row = tickets.get(ask.ticketId());
      ScanOutcome refusal = row == null ? ScanOutcome.INVALID : refusal(row, ask);
      if (refusal != null) {
        ScannedTicket ticket = row == null ? null : ticket(row);
        decisions[i] = new Decision(ScanResult.of(refusal, ticket), null);
      } else {
        live.add(ask);
      }
    }
    if (!live.isEmpty()) {
      if (!waitForLocks) {
        // The event's entry lock is held by short transactions only: queue for it.
        lockTimeout(db, "5s");
      }
      Map<String, Occupancy> occupancy = lockOccupancy(db, live);
      Map<String, Entry> entries = lockAdmissions(db, live);
      Map<String, int[]> flows = new TreeMap<>();
      for (int i = 0; i < asks.size(); i++) {
        if (decisions[i] == null) {
          decisions[i] = decide(asks.get(i), tickets, entries, occupancy, flows);
        }
      }
      writeAdmissions(db, entries.values());
      writeOccupancy(db, occupancy.values(), flows);
      occupancy.values().stream().filter(o -> o.moved).forEach(o -> moved.add(o.eventId));
    }
    List<Note> rows = new ArrayList<>(notes);
    for (int i = 0; i < asks.size(); i++) {
      Ask ask = asks.get(i);
      rows.add(
          new Note(ask.scan(), ask.gate(), decisions[i].result(), DecidedBy.DATABASE, ask.now()));
    }
    insertScans(db, rows);
    return List.of(decisions);
  }

  /**
   * One scan on the locked state (api.md, Entry: exits and re-entry, occupancy); the state and the
   * counts change in memory, written after the whole batch is decided.
   */
  private Decision decide(
      Ask ask,
      Map<String, Object[]> tickets,
      Map<String, Entry> entries,
      Map<String, Occupancy> occupancy,
      Map<String, int[]> flows) {
    ScannedTicket ticket = ticket(tickets.get(ask.ticketId()));
    int party = ticket.partySize();
    String key = ask.ticketId() + "|" + ask.today();
    Occupancy venue = occupancy.get(ask.gate().eventId() + "|" + ask.today());
    Entry entry = entries.get(key);
    ScanOutcome outcome;
    boolean moved = false;
    boolean in = ask.scan().direction() == Direction.IN;
    // A party a scanner let in offline is inside, whatever the count says now: counted, never
    // refused after the fact (the count would fall short of the people inside).
    boolean full = in && venue.full(party) && !ask.scan().offline();
    ScanOutcome repeat =
        entry == null
            ? null
            : Repeats.answer(
                ask.scan().direction(),
                entry.inside,
                entry.admitKey,
                entry.moveKeys,
                ask.scanKey());
    if (repeat != null) {
      outcome = repeat;
    } else if (!in) {
      if (entry == null) {
        outcome = ScanOutcome.NOT_INSIDE;
      } else {
        entry.move(ask, false);
        outcome = ScanOutcome.EXITED;
        moved = true;
      }
    } else if (entry != null && !venue.reentry) {
      outcome = ScanOutcome.ALREADY_ADMITTED;
    } else if (full) {
      outcome = ScanOutcome.VENUE_FULL;
    } else if (entry == null) {
      entry = Entry.admitted(ask, ticket, venue.eventId);
      entries.put(key, entry);
      outcome = ScanOutcome.ADMITTED;
      moved = true;
    } else {
      entry.move(ask, true);
      outcome = ScanOutcome.READMITTED;
      moved = true;
    }
    if (moved) {
      venue.inside += in ? party : -party;
      venue.moved = true;
      int[] flow =
          flows.computeIfAbsent(
              ask.gate().id() + "|" + ask.today() + "|" + venue.eventId, k -> new int[2]);
      flow[in ? 0 : 1] += party;
    }
    ScanResult result =
        entry == null
            ? ScanResult.of(outcome, ticket)
            : ScanResult.admission(
                outcome, ticket, entry.admittedAt, entry.firstGate, ask.gate().zone());
    return new Decision(result.crowded(venue.crowded()), entry == null ? null : entry.state());
  }

  /**
   * The event's entry lock (its occupancy row) must never be held long: every gate of the event
   * waits for it. A node that hangs after taking it (a long GC pause, a frozen VM) would stop them
   * all until it woke up. So, for this transaction, PostgreSQL ends the session of a node that sits
   * idle in it for 3 s: its locks go, its transaction rolls back (its scans were not recorded and
   * are answered again by the node the scanner resends them to), and the other nodes' batches go
   * on. The batch is therefore a local transaction, committed by {@link #decideAll}: its commit
   * either succeeds or throws (and the batch is decided again, scan by scan), where an XA one-phase
   * commit cannot tell a session the database ended from a commit whose answer was lost.
   */
  private static void holdLocksBriefly(Connection db) throws SQLException {
    try (Statement limit = db.createStatement()) {
      limit.execute("set local idle_in_transaction_session_timeout = '3s'");
    }
  }

  private static void lockTimeout(Connection db, String timeout) throws SQLException {
    try (Statement limit = db.createStatement()) {
      limit.execute("set local lock_timeout = '" + timeout + "'");
    }
  }

  /** An event's people inside on a date, locked for this transaction, and its entry rules. */
  private static final class Occupancy {
    final UUID eventId;
    final LocalDate day;
    final Integer maxInside;
    final boolean reentry;
    final int before;
    int inside;
    boolean moved;

    Occupancy(UUID eventId, LocalDate day, int inside, Integer maxInside, boolean reentry) {
      this.eventId = eventId;
      this.day = day;
      this.before = inside;
      this.inside = inside;
      this.maxInside = maxInside;
      this.reentry = reentry;
    }

    boolean full(int party) {
      return maxInside != null && inside + party > maxInside;
    }

    boolean crowded() {
      return maxInside != null && inside * 10L >= maxInside * 9L;
    }
  }

  /**
   * A ticket's admission row for a date, locked, as this batch changes it (where it goes in, and by
   * whom, only for a row this batch inserts).
   */
  private static final class Entry {
    String ticketId;
    LocalDate date;
    UUID eventId;
    UUID gateId;
    int party;
    Instant admittedAt;
    String firstGate;
    String admitKey;
    String device;
    UUID volunteer;
    boolean inside;
    int moves;
    UUID lastGate;
    Instant lastAt;
    String moveKeys;

    /** The last move's key alone, for the previous release's nodes (last_scan_key). */
    String lastKey;

    boolean fresh;
    boolean changed;

    static Entry admitted(Ask ask, ScannedTicket ticket, UUID eventId) {
      Entry entry = new Entry();
      entry.ticketId = ask.ticketId();
      entry.date = ask.today();
      entry.eventId = eventId;
      entry.gateId = ask.gate().id();
      entry.party = ticket.partySize();
      entry.admittedAt = ask.now();
      entry.firstGate = ask.gate().name();
      entry.admitKey = ask.scanKey();
      entry.device = ask.scan().deviceId();
      entry.volunteer = ask.scan().volunteerId();
      entry.inside = true;
      entry.fresh = true;
      return entry;
    }

    void move(Ask ask, boolean in) {
      inside = in;
      moves++;
      lastGate = ask.gate().id();
      lastAt = ask.now();
      moveKeys = Repeats.withMove(moveKeys, ask.scan().direction(), ask.scanKey());
      lastKey = ask.scanKey();
      changed = true;
    }

    EntryState state() {
      return new EntryState(admittedAt, firstGate, admitKey, inside, moves, moveKeys);
    }
  }

  /** Locks the occupancy rows of the asks' events and dates (made at 0 if missing), in order. */
  private static Map<String, Occupancy> lockOccupancy(Connection db, List<Ask> asks)
      throws SQLException {
    Set<String> days = new TreeSet<>();
    for (Ask ask : asks) {
      days.add(ask.gate().eventId() + "|" + ask.today());
    }
    List<List<String>> columns = columns(2);
    for (String day : days) {
      String[] parts = day.split("\\|");
      add(columns, parts[0], parts[1]);
    }
    Map<String, Occupancy> locked = new HashMap<>();
    try (PreparedStatement query =
        db.prepareStatement(
            "with o as (insert into occupancy (event_id, on_date, inside)"
                + " select u.e::uuid, u.d::date, 0 from unnest(?, ?) as u(e, d) order by 1, 2"
                + " on conflict (event_id, on_date) do update set inside = occupancy.inside"
                + " returning event_id, on_date, inside)"
                + " select o.event_id, o.on_date, o.inside, e.max_inside, e.reentry"
                + " from o join event e on e.id = o.event_id")) {
      setColumns(db, query, columns);
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          locked.put(
              row.getObject(1) + "|" + row.getDate(2).toLocalDate(),
              new Occupancy(
                  (UUID) row.getObject(1),
                  row.getDate(2).toLocalDate(),
                  row.getInt(3),
                  (Integer) row.getObject(4),
                  row.getBoolean(5)));
        }
      }
    }
    return locked;
  }

  /** Locks the admission rows of the asks' tickets and dates, in ticket order. */
  private static Map<String, Entry> lockAdmissions(Connection db, List<Ask> asks)
      throws SQLException {
    List<List<String>> columns = columns(2);
    for (Ask ask : asks) {
      add(columns, ask.ticketId(), ask.today().toString());
    }
    Map<String, Entry> locked = new HashMap<>();
    try (PreparedStatement query =
        db.prepareStatement(
            "select a.ticket_id, a.admitted_on, a.admitted_at, g.name, a.scan_key, a.inside,"
                // A move an older node made (during a rolling deploy) is only in last_scan_key.
                + " a.moves, case when a.last_scan_key is null or a.move_keys like '__'"
                + " || a.last_scan_key || '%' then a.move_keys else a.last_scan_key"
                + " || coalesce(' ' || a.move_keys, '') end from admission a"
                + " join gate g on g.id = a.gate_id"
                + " where (a.ticket_id, a.admitted_on) in"
                + " (select u.t, u.d::date from unnest(?, ?) as u(t, d))"
                + " order by a.ticket_id, a.admitted_on for update of a")) {
      setColumns(db, query, columns);
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) {
          Entry entry = new Entry();
          entry.ticketId = row.getString(1);
          entry.date = row.getDate(2).toLocalDate();
          entry.admittedAt = row.getTimestamp(3).toInstant();
          entry.firstGate = row.getString(4);
          entry.admitKey = row.getString(5);
          entry.inside = row.getBoolean(6);
          entry.moves = row.getInt(7);
          entry.moveKeys = row.getString(8);
          locked.put(entry.ticketId + "|" + entry.date, entry);
        }
      }
    }
    return locked;
  }

  /** The batch's new admissions (inserted) and moves (updated). */
  private static void writeAdmissions(Connection db, java.util.Collection<Entry> entries)
      throws SQLException {
    List<Entry> fresh = entries.stream().filter(e -> e.fresh).sorted(BY_TICKET).toList();
    List<Entry> changed =
        entries.stream().filter(e -> !e.fresh && e.changed).sorted(BY_TICKET).toList();
    if (!fresh.isEmpty()) {
      List<List<String>> columns = columns(15);
      for (Entry e : fresh) {
        add(
            columns,
            e.ticketId,
            e.date.toString(),
            e.eventId.toString(),
            e.gateId.toString(),
            String.valueOf(e.party),
            e.admittedAt.toString(),
            e.volunteer.toString(),
            e.admitKey,
            e.device,
            String.valueOf(e.inside),
            String.valueOf(e.moves),
            e.lastGate == null ? null : e.lastGate.toString(),
            e.lastAt == null ? null : e.lastAt.toString(),
            e.moveKeys,
            e.lastKey);
      }
      try (PreparedStatement insert =
          db.prepareStatement(
              "insert into admission (ticket_id, admitted_on, event_id, gate_id, party_size,"
                  + " admitted_at, volunteer_id, scan_key, device_id, inside, moves, last_gate_id,"
                  + " last_at, move_keys, last_scan_key, changed_at) select u.t, u.d::date,"
                  + " u.e::uuid, u.g::uuid, u.p::int, u.a::timestamptz, u.v::uuid, u.k, u.dev,"
                  + " u.i::boolean, u.m::int, u.lg::uuid, u.la::timestamptz, u.mk, u.lk,"
                  + " clock_timestamp() from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                  + " as u(t, d, e, g, p, a, v, k, dev, i, m, lg, la, mk, lk)"
                  + " on conflict (ticket_id, admitted_on) do nothing")) {
        setColumns(db, insert, columns);
        if (insert.executeUpdate() != fresh.size()) {
          // Every decider of the event holds its occupancy lock before reading admissions: this
          // cannot happen. Should it, the batch fails rather than answer from a wrong state.
          throw new SQLException("an admission of this batch was inserted by another transaction");
        }
      }
    }
    if (!changed.isEmpty()) {
      List<List<String>> columns = columns(8);
      for (Entry e : changed) {
        add(
            columns,
            e.ticketId,
            e.date.toString(),
            String.valueOf(e.inside),
            String.valueOf(e.moves),
            e.lastGate.toString(),
            e.lastAt.toString(),
            e.moveKeys,
            e.lastKey);
      }
      try (PreparedStatement update =
          db.prepareStatement(
              "update admission a set inside = u.i::boolean, moves = u.m::int,"
                  + " last_gate_id = u.lg::uuid, last_at = u.la::timestamptz, move_keys = u.mk,"
                  + " last_scan_key = u.lk, changed_at = clock_timestamp()"
                  + " from unnest(?, ?, ?, ?, ?, ?, ?, ?) as u(t, d, i, m, lg, la, mk, lk)"
                  + " where a.ticket_id = u.t and a.admitted_on = u.d::date")) {
        setColumns(db, update, columns);
        update.executeUpdate();
      }
    }
  }

  private static final java.util.Comparator<Entry> BY_TICKET =
      java.util.Comparator.comparing((Entry e) -> e.ticketId).thenComparing(e -> e.date);

  /** The new counts of people inside, and the people in and out per gate. */
  private static void writeOccupancy(
      Connection db, java.util.Collection<Occupancy> venues, Map<String, int[]> flows)
      throws SQLException {
    List<List<String>> occupancyRows = columns(3);
    for (Occupancy venue : venues) {
      if (venue.moved) {
        add(
            occupancyRows,
            venue.eventId.toString(),
            venue.day.toString(),
            String.valueOf(venue.inside - venue.before));
      }
    }
    if (occupancyRows.get(0).isEmpty()) {
      return;
    }
    try (PreparedStatement update =
        db.prepareStatement(
            "update occupancy o set inside = o.inside + u.n::int, changed_at = clock_timestamp()"
                + " from unnest(?, ?, ?) as u(e, d, n)"
                + " where o.event_id = u.e::uuid and o.on_date = u.d::date")) {
      setColumns(db, update, occupancyRows);
      update.executeUpdate();
    }
    List<List<String>> flowRows = columns(5);
    for (Map.Entry<String, int[]> flow : flows.entrySet()) {
      String[] parts = flow.getKey().split("\\|");
      add(
          flowRows,
          parts[0],
          parts[1],
          parts[2],
          String.valueOf(flow.getValue()[0]),
          String.valueOf(flow.getValue()[1]));
    }
    try (PreparedStatement upsert =
        db.prepareStatement(
            "insert into gate_flow (gate_id, on_date, event_id, people_in, people_out)"
                + " select u.g::uuid, u.d::date, u.e::uuid, u.i::int, u.o::int"
                + " from unnest(?, ?, ?, ?, ?) as u(g, d, e, i, o) order by 1, 2"
                + " on conflict (gate_id, on_date) do update set"
                + " people_in = gate_flow.people_in + excluded.people_in,"
                + " people_out = gate_flow.people_out + excluded.people_out")) {
      setColumns(db, upsert, flowRows);
      upsert.executeUpdate();
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
                row.getTimestamp(7)
              });
        }
      }
    }
    return tickets;
  }

  /**
   * One {@code scan} row each, with the gate each volunteer is assigned to (as {@link #record}).
   */
  private static void insertScans(Connection db, List<Note> notes) throws SQLException {
    if (notes.isEmpty()) {
      return;
    }
    List<List<String>> columns = columns(11);
    for (Note note : notes) {
      Scan scan = note.scan();
      add(
          columns,
          note.gate().eventId().toString(),
          note.gate().id().toString(),
          note.result().ticket() == null ? null : note.result().ticket().id(),
          scan.deviceId(),
          scan.volunteerId().toString(),
          note.result().outcome().name(),
          note.decidedBy().column(),
          note.now().toString(),
          scan.direction().name(),
          scan.offline() ? Instant.now().toString() : null,
          scan.offlineOutcome());
    }
    try (PreparedStatement insert =
        db.prepareStatement(
            "insert into scan (event_id, gate_id, ticket_id, device_id, volunteer_id, outcome,"
                + " decided_by, scanned_at, direction, synced_at, offline_outcome,"
                + " assigned_gate_id) select u.e::uuid, u.g::uuid, u.t, u.dev, u.v::uuid, u.o,"
                + " u.b, u.s::timestamptz, u.dir, u.oa::timestamptz, u.oo, (select s.gate_id"
                + " from staff s join person p on p.phone = s.phone where p.id = u.v::uuid)"
                + " from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " as u(e, g, t, dev, v, o, b, s, dir, oa, oo)")) {
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

  /**
   * Another event, a revoked ticket (for an entry: a holder whose ticket was cancelled while inside
   * may always leave), another date; null when the ticket may move today. Revoked as of the scan: a
   * scan made offline before the ticket was revoked let a valid ticket in.
   */
  private static ScanOutcome refusal(Object[] row, Ask ask) {
    return !ask.gate().eventId().equals(row[5])
        ? ScanOutcome.WRONG_EVENT
        : row[6] instanceof Timestamp revokedAt
                && !revokedAt.toInstant().isAfter(ask.now())
                && ask.scan().direction() == Direction.IN
            ? ScanOutcome.REVOKED
            : !ticket(row).date().equals(ask.today()) ? ScanOutcome.WRONG_DATE : null;
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

  /**
   * Records that an offline scan admitted a ticket the server found admitted by another scan (the
   * admission that stands is the first, this scan the second); once per scan key.
   */
  public void recordConflict(String ticketId, LocalDate date, Scan scan, String scanKey) {
    secondSide(
            em.createNativeQuery(
                "insert into entry_conflict (event_id, ticket_id, first_gate_id, first_device,"
                    + " first_volunteer, first_at, second_gate_id, second_device, second_volunteer,"
                    + " second_at, scan_key, recorded_at) select a.event_id, a.ticket_id, a.gate_id,"
                    + " a.device_id, a.volunteer_id, a.admitted_at, ?1, cast(?2 as varchar), ?3, ?4,"
                    + " ?5, clock_timestamp() from admission a where a.ticket_id = ?6"
                    + " and a.admitted_on = ?7 on conflict (scan_key) do nothing"),
            scan,
            scanKey)
        .setParameter(6, ticketId)
        .setParameter(7, date)
        .executeUpdate();
  }

  /** An entry_conflict insert's second side (parameters 1 to 5): the offline scan, its key. */
  private static jakarta.persistence.Query secondSide(
      jakarta.persistence.Query insert, Scan scan, String scanKey) {
    return insert
        .setParameter(1, scan.gateId())
        .setParameter(2, scan.deviceId())
        .setParameter(3, scan.volunteerId())
        .setParameter(4, Timestamp.from(scan.scannedAt()))
        .setParameter(5, scanKey);
  }

  /**
   * Records, if the ticket is revoked, that an offline scan let it in: revoked before the scan (the
   * device's snapshot was older than the revocation: the scan answers REVOKED) or since (the holder
   * cancelled after getting in: the admission stands, the seats were given back). The first side is
   * the revocation. Once per scan key; true when the ticket is revoked (also for a scan sent
   * again).
   */
  public boolean recordRevokedEntry(String ticketId, Scan scan, String scanKey) {
    return secondSide(
                em.createNativeQuery(
                    "insert into entry_conflict (kind, event_id, ticket_id, first_at, second_gate_id,"
                        + " second_device, second_volunteer, second_at, scan_key, recorded_at)"
                        + " select 'REVOKED', t.event_id, t.id, t.revoked_at, ?1, cast(?2 as varchar),"
                        + " ?3, ?4, ?5, clock_timestamp() from ticket t where t.id = ?6"
                        + " and t.revoked_at is not null"
                        + " on conflict (scan_key) do update set scan_key = excluded.scan_key"),
                scan,
                scanKey)
            .setParameter(6, ticketId)
            .executeUpdate()
        > 0;
  }

  /** Records a scan (the ticket, if any, is the result's). */
  public void record(
      Scan scan, GateInfo gate, ScanResult result, DecidedBy decidedBy, Instant now) {
    em.createNativeQuery(
            // With the gate the volunteer is assigned to (in the same statement: no extra round
            // trip), so that scans at another gate show as such.
            "insert into scan (event_id, gate_id, ticket_id, device_id, volunteer_id, outcome,"
                + " decided_by, scanned_at, direction, synced_at, offline_outcome,"
                + " assigned_gate_id) values (?1, ?2, cast(?3 as varchar), cast(?4 as varchar), ?5,"
                + " ?6, ?7, ?8, ?9, cast(?10 as timestamptz), cast(?11 as varchar), (select"
                + " s.gate_id from staff s join person p on p.phone = s.phone where p.id = ?5))")
        .setParameter(1, gate.eventId())
        .setParameter(2, gate.id())
        .setParameter(3, result.ticket() == null ? null : result.ticket().id())
        .setParameter(4, scan.deviceId())
        .setParameter(5, scan.volunteerId())
        .setParameter(6, result.outcome().name())
        .setParameter(7, decidedBy.column())
        .setParameter(8, Timestamp.from(now))
        .setParameter(9, scan.direction().name())
        .setParameter(10, scan.offline() ? Instant.now().toString() : null)
        .setParameter(11, scan.offlineOutcome())
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
