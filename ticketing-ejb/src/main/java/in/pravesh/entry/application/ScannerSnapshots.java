package in.pravesh.entry.application;

import in.pravesh.platform.BusinessException;
import in.pravesh.ticket.application.TicketKeyView;
import in.pravesh.ticket.application.TicketKeys;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What a scanner needs to keep deciding without the network (api.md, Entry: offline scanning): the
 * event's keys and gates, today's revoked tickets, who is inside and who was admitted today; or,
 * after a {@code cursor}, only what changed since. Made as gzip-compressed JSON, and kept: every
 * scanner polling an unchanged event gets the same bytes without a query beyond the version check
 * (the occupancy row's time, which every decided move changes, the revocations, gates and keys).
 *
 * <p>A cursor is the day, the database's clock and its snapshot when the answer was made: the first
 * transaction id not yet given and those still running ({@code pg_current_snapshot()}). Rows carry
 * the transaction that changed them (V16's triggers); a delta takes what those running and later
 * transactions changed, so that one that wrote before the cursor and committed after it (however
 * late) is not missed, and one that runs for long (anywhere in the database) does not make every
 * delta large. Entries may come again: applying them is idempotent. The clock only ages a cursor
 * out; a delta larger than DELTA_MAX_ENTRIES is answered by the kept full copy.
 */
@ApplicationScoped
public class ScannerSnapshots {

  /** The answers kept, in bytes (compressed); all forgotten when it would be more. */
  private static final long KEPT_BYTES = 64L * 1024 * 1024;

  /** A cursor older than this gets the whole snapshot (the one kept copy), not a delta. */
  private static final long DELTA_MAX_AGE_MILLIS = 10 * 60 * 1000;

  /** How long an answer is handed out as it was made (its cursor ages by at most this). */
  private static final long KEPT_STEP_MILLIS = 2 * 60 * 1000;

  @Inject TicketKeys keys;
  @Inject Clock clock;

  @Resource(lookup = "java:jboss/datasources/PraveshDS")
  DataSource dataSource;

  /** Signs the cursors this server hands out (the secret of the public QR links, another use). */
  @Inject
  @ConfigProperty(name = "ticketing.link-secret", defaultValue = "dev-link-secret")
  String secret;

  /** The answers kept, least recently used first; their bytes bounded by KEPT_BYTES. */
  private final Map<String, byte[]> kept = new LinkedHashMap<>(64, 0.75f, true);

  private long keptBytes;

  /** The snapshot (or the delta after {@code since}) of the event, gzip-compressed JSON. */
  public byte[] gzipped(String slug, String since) {
    try (Connection db = dataSource.getConnection()) {
      Object[] event = event(db, slug);
      UUID eventId = (UUID) event[0];
      ZoneId zone = ZoneId.of((String) event[2]);
      LocalDate today = clock.instant().atZone(zone).toLocalDate();
      Since from = from(since, eventId, today, clock.millis());
      String version = version(db, eventId, today);
      // With the time, in steps: a copy kept unchanged for long would hand out a cursor older
      // than DELTA_MAX_AGE_MILLIS, and every poll after it would get the whole snapshot again.
      long step = clock.millis() / KEPT_STEP_MILLIS;
      String prefix = eventId + "|" + today + "|" + version + "|" + step + "|";
      byte[] answer = kept(prefix + (from == null ? "" : from.text()));
      if (answer == null && from != null && !smallDelta(db, eventId, today, from)) {
        from = null; // as large as the whole: the one kept full copy, shared by every scanner
        answer = kept(prefix);
      }
      if (answer == null) {
        answer = make(db, event, zone, today, from, slug);
        keep(prefix + (from == null ? "" : from.text()), answer);
      }
      return answer;
    } catch (SQLException e) {
      // The database cannot answer now: the scanner keeps its copy and asks again.
      throw new BusinessException(
          in.pravesh.platform.ProblemType.TRY_AGAIN, "The snapshot cannot be made now");
    }
  }

  /**
   * Where a delta starts: the cursor's snapshot of the database, the first transaction id not yet
   * given ({@code xmax}) and those running then ({@code running}): every row changed by one of
   * them, or by a later one, is in the delta.
   */
  private record Since(long xmax, long[] running) {

    String text() {
      return xmax + "~" + Arrays.toString(running);
    }

    String runningArray() {
      return Arrays.toString(running).replace('[', '{').replace(']', '}');
    }
  }

  /** A delta larger than this many entries is answered by the kept full copy. */
  private static final int DELTA_MAX_ENTRIES = 20_000;

  /** The transactions a cursor may name as running (a database's connections are fewer). */
  private static final int RUNNING_MAX = 1_000;

  /**
   * Whether the delta after {@code from} is small (its entries and revocations); and refuses a
   * cursor naming a transaction the database has not given yet. A very old cursor thus costs at
   * most DELTA_MAX_ENTRIES rows a table, then the shared full copy.
   */
  private static boolean smallDelta(Connection db, UUID eventId, LocalDate today, Since from)
      throws SQLException {
    String since = " (%1$s >= cast(? as xid8) or %1$s = any(cast(? as xid8[]))) limit ";
    try (PreparedStatement query =
        db.prepareStatement(
            "select (select count(*) from (select 1 from admission where event_id = ?"
                + " and admitted_on = ? and"
                + since.formatted("changed_xid")
                + (DELTA_MAX_ENTRIES + 1)
                + ") d) + (select count(*) from (select 1 from ticket where event_id = ?"
                + " and ticket_date = ? and revoked_at is not null and"
                + since.formatted("revoked_xid")
                + (DELTA_MAX_ENTRIES + 1)
                + ") r), pg_snapshot_xmax(pg_current_snapshot()) >= cast(? as xid8)")) {
      int i = 1;
      for (int table = 0; table < 2; table++) {
        query.setObject(i++, eventId);
        query.setObject(i++, today);
        query.setString(i++, Long.toString(from.xmax()));
        query.setString(i++, from.runningArray());
      }
      query.setString(i, Long.toString(from.xmax()));
      try (ResultSet row = query.executeQuery()) {
        row.next();
        if (!row.getBoolean(2)) {
          // Signed by us, yet ahead of the database: another database (a failover that lost
          // transactions). The scanner takes the whole snapshot again.
          throw BusinessException.invalid("since", "Not a cursor of this database: start again");
        }
        return row.getLong(1) <= DELTA_MAX_ENTRIES;
      }
    }
  }

  private synchronized byte[] kept(String key) {
    return kept.get(key);
  }

  /** Keeps an answer, forgetting the least recently used ones beyond KEPT_BYTES. */
  private synchronized void keep(String key, byte[] answer) {
    byte[] before = kept.put(key, answer);
    keptBytes += answer.length - (before == null ? 0 : before.length);
    var oldest = kept.entrySet().iterator();
    while (keptBytes > KEPT_BYTES && oldest.hasNext()) {
      var entry = oldest.next();
      if (!entry.getKey().equals(key)) {
        keptBytes -= entry.getValue().length;
        oldest.remove();
      }
    }
  }

  /** The cursor's signature: made by this server (any node), for this event. */
  private String sign(UUID eventId, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest =
          mac.doFinal(("scanner-cursor|" + eventId + "|" + body).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Where a delta starts, or null for a full snapshot: no cursor; one this server did not sign for
   * this event (made up, or of an earlier release: a delta for it could cost as much as the whole,
   * and no other scanner would share it); one of another day, or older than {@link
   * #DELTA_MAX_AGE_MILLIS} (a delta that large costs what the kept full copy does not). Text that
   * is no cursor at all is refused. The cursor's time is the database's clock, which the node's may
   * not be: only its age counts.
   */
  private Since from(String since, UUID eventId, LocalDate today, long now) {
    if (since == null || since.isBlank()) {
      return null;
    }
    String text = since.strip();
    String[] parts = text.split("~", -1);
    try {
      if (parts.length < 2 || parts.length > 5) {
        throw new IllegalArgumentException();
      }
      LocalDate day = LocalDate.parse(parts[0]);
      long at = Long.parseLong(parts[1]);
      if (at < 0) {
        throw new IllegalArgumentException();
      }
      if (parts.length != 5
          || !MessageDigest.isEqual(
              sign(eventId, text.substring(0, text.lastIndexOf('~')))
                  .getBytes(StandardCharsets.US_ASCII),
              parts[4].getBytes(StandardCharsets.US_ASCII))) {
        return null; // not signed by us: an earlier release's, or made up
      }
      long xmax = Long.parseLong(parts[2]);
      long[] running =
          parts[3].isEmpty()
              ? new long[0]
              : Arrays.stream(parts[3].split(",", -1)).mapToLong(Long::parseLong).toArray();
      if (xmax < 0
          || running.length > RUNNING_MAX
          || Arrays.stream(running).anyMatch(x -> x < 0 || x >= xmax)) {
        throw new IllegalArgumentException();
      }
      boolean fresh = day.equals(today) && at > now - DELTA_MAX_AGE_MILLIS;
      return fresh ? new Since(xmax, running) : null;
    } catch (RuntimeException e) {
      throw BusinessException.invalid("since", "Not a cursor of this API: send the last one");
    }
  }

  private static Object[] event(Connection db, String slug) throws SQLException {
    try (PreparedStatement query =
        db.prepareStatement("select id, slug, time_zone, reentry from event where slug = ?")) {
      query.setString(1, slug);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          throw BusinessException.notFound("Event '" + slug + "'");
        }
        return new Object[] {
          row.getObject(1), row.getString(2), row.getString(3), row.getBoolean(4)
        };
      }
    }
  }

  private static String version(Connection db, UUID eventId, LocalDate today) throws SQLException {
    try (PreparedStatement query =
        db.prepareStatement(
            "select (select changed_at from occupancy where event_id = ? and on_date = ?),"
                + " (select count(*) || ':' || coalesce(max(revoked_at)::text, '') from ticket"
                + " where event_id = ? and ticket_date = ? and revoked_at is not null),"
                + " (select count(*) || ':' || coalesce(sum(version), 0) from gate"
                + " where event_id = ?),"
                + " (select count(*) || ':' || coalesce(max(valid_from)::text, '') from ticket_key"
                + " where event_id = ?), (select reentry from event where id = ?)")) {
      query.setObject(1, eventId);
      query.setObject(2, today);
      query.setObject(3, eventId);
      query.setObject(4, today);
      query.setObject(5, eventId);
      query.setObject(6, eventId);
      query.setObject(7, eventId);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getString(1)
            + "/"
            + row.getString(2)
            + "/"
            + row.getString(3)
            + "/"
            + row.getString(4)
            + "/"
            + row.getString(5);
      }
    }
  }

  private byte[] make(
      Connection db, Object[] event, ZoneId zone, LocalDate today, Since from, String slug)
      throws SQLException {
    UUID eventId = (UUID) event[0];
    // Before anything is read: every transaction not committed yet is running now or later.
    String cursor;
    String body;
    try (PreparedStatement query =
            db.prepareStatement(
                "select (extract(epoch from clock_timestamp()) * 1000)::bigint,"
                    + " pg_snapshot_xmax(s)::text,"
                    + " array_to_string(array(select pg_snapshot_xip(s) order by 1), ',')"
                    + " from (select pg_current_snapshot() as s) now");
        ResultSet row = query.executeQuery()) {
      row.next();
      body = today + "~" + row.getLong(1) + "~" + row.getString(2) + "~" + row.getString(3);
      cursor = body + "~" + sign(eventId, body);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DateTimeFormatter iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes);
        JsonGenerator json = Json.createGenerator(gzip)) {
      json.writeStartObject();
      json.writeStartObject("event")
          .write("id", eventId.toString())
          .write("slug", (String) event[1])
          .write("timeZone", (String) event[2])
          .write("reentry", (Boolean) event[3])
          .writeEnd();
      json.write("date", today.toString());
      json.write("full", from == null);
      json.writeStartArray("keys");
      for (TicketKeyView key : keys.published(slug)) {
        json.writeStartObject().write("kid", key.kid()).write("publicKey", key.publicKey());
        json.writeEnd();
      }
      json.writeEnd();
      json.writeStartArray("gates");
      try (PreparedStatement query =
          db.prepareStatement(
              "select id, name from gate where event_id = ? and retired_at is null"
                  + " order by name")) {
        query.setObject(1, eventId);
        try (ResultSet row = query.executeQuery()) {
          while (row.next()) {
            json.writeStartObject()
                .write("id", row.getObject(1).toString())
                .write("name", row.getString(2))
                .writeEnd();
          }
        }
      }
      json.writeEnd();
      json.writeStartArray("revoked");
      try (PreparedStatement query =
          db.prepareStatement(
              "select id from ticket where event_id = ? and ticket_date = ?"
                  + " and revoked_at is not null"
                  + (from == null
                      ? ""
                      : " and (revoked_xid >= cast(? as xid8)"
                          + " or revoked_xid = any(cast(? as xid8[])))"))) {
        query.setObject(1, eventId);
        query.setObject(2, today);
        if (from != null) {
          query.setString(3, Long.toString(from.xmax()));
          query.setString(4, from.runningArray());
        }
        try (ResultSet row = query.executeQuery()) {
          while (row.next()) {
            json.write(row.getString(1));
          }
        }
      }
      json.writeEnd();
      List<String> admitted = new ArrayList<>();
      List<String> outside = new ArrayList<>();
      json.writeStartArray("inside");
      try (PreparedStatement query =
          db.prepareStatement(
              "select ticket_id, inside, coalesce(last_at, admitted_at),"
                  + " coalesce(last_gate_id, gate_id) from admission"
                  + " where event_id = ? and admitted_on = ?"
                  + (from == null
                      ? ""
                      : " and (changed_xid >= cast(? as xid8)"
                          + " or changed_xid = any(cast(? as xid8[])))"))) {
        query.setObject(1, eventId);
        query.setObject(2, today);
        if (from != null) {
          query.setString(3, Long.toString(from.xmax()));
          query.setString(4, from.runningArray());
        }
        query.setFetchSize(5_000);
        try (ResultSet row = query.executeQuery()) {
          while (row.next()) {
            String tid = row.getString(1);
            admitted.add(tid);
            if (row.getBoolean(2)) {
              json.writeStartObject()
                  .write("tid", tid)
                  .write("at", row.getTimestamp(3).toInstant().atZone(zone).format(iso))
                  .write("gate", row.getObject(4).toString())
                  .writeEnd();
            } else {
              outside.add(tid);
            }
          }
        }
      }
      json.writeEnd();
      writeIds(json, "admitted", admitted);
      if (from != null) {
        writeIds(json, "outside", outside);
      }
      json.write("cursor", cursor);
      json.writeEnd();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void writeIds(JsonGenerator json, String name, List<String> ids) {
    json.writeStartArray(name);
    ids.forEach(json::write);
    json.writeEnd();
  }
}
