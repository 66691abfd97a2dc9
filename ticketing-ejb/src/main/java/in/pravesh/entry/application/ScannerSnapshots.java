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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;

/**
 * What a scanner needs to keep deciding without the network (api.md, Entry: offline scanning): the
 * event's keys and gates, today's revoked tickets, who is inside and who was admitted today; or,
 * after a {@code cursor}, only what changed since. Made as gzip-compressed JSON, and kept: every
 * scanner polling an unchanged event gets the same bytes without a query beyond the version check
 * (the occupancy row's time, which every decided move changes, the revocations, gates and keys).
 *
 * <p>A cursor is the day, the database's clock and the oldest transaction still running when the
 * answer was made ({@code pg_snapshot_xmin}). Rows carry the transaction that changed them (V16's
 * triggers); a delta takes what transactions from the cursor's on changed, so that one that wrote
 * before the cursor and committed after it (however late) is not missed. Entries may come again:
 * applying them is idempotent. The clock only ages a cursor out.
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

  private final Map<String, byte[]> kept = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong keptBytes =
      new java.util.concurrent.atomic.AtomicLong();

  /** The snapshot (or the delta after {@code since}) of the event, gzip-compressed JSON. */
  public byte[] gzipped(String slug, String since) {
    try (Connection db = dataSource.getConnection()) {
      Object[] event = event(db, slug);
      UUID eventId = (UUID) event[0];
      ZoneId zone = ZoneId.of((String) event[2]);
      LocalDate today = clock.instant().atZone(zone).toLocalDate();
      Since from = from(since, today, clock.millis());
      String version = version(db, eventId, today);
      // With the time, in steps: a copy kept unchanged for long would hand out a cursor older
      // than DELTA_MAX_AGE_MILLIS, and every poll after it would get the whole snapshot again.
      long step = clock.millis() / KEPT_STEP_MILLIS;
      String key =
          eventId
              + "|"
              + today
              + "|"
              + version
              + "|"
              + (from == null ? "" : from.xmin())
              + "|"
              + step;
      byte[] answer = kept.get(key);
      if (answer == null) {
        answer = make(db, event, zone, today, from, slug);
        if (keptBytes.addAndGet(answer.length) > KEPT_BYTES) {
          kept.clear();
          keptBytes.set(answer.length);
        }
        kept.put(key, answer);
      }
      return answer;
    } catch (SQLException e) {
      // The database cannot answer now: the scanner keeps its copy and asks again.
      throw new BusinessException(
          in.pravesh.platform.ProblemType.TRY_AGAIN, "The snapshot cannot be made now");
    }
  }

  /** A delta's start: the cursor's oldest running transaction. */
  private record Since(long xmin) {}

  /**
   * Where the delta starts, or null for a full snapshot (no cursor, one of another day, one older
   * than {@link #DELTA_MAX_AGE_MILLIS}: a delta that large costs what the kept full copy does not;
   * or one of an earlier release, without a transaction). A cursor ours cannot be is refused.
   */
  private static Since from(String since, LocalDate today, long now) {
    if (since == null || since.isBlank()) {
      return null;
    }
    String[] parts = since.strip().split("~");
    try {
      if (parts.length != 2 && parts.length != 3) {
        throw new IllegalArgumentException();
      }
      LocalDate day = LocalDate.parse(parts[0]);
      long at = Long.parseLong(parts[1]);
      long xmin = parts.length == 3 ? Long.parseLong(parts[2]) : -1;
      if (at < 0 || at > now + 60_000 || parts.length == 3 && xmin < 0) {
        throw new IllegalArgumentException();
      }
      boolean fresh = day.equals(today) && at > now - DELTA_MAX_AGE_MILLIS && xmin >= 0;
      return fresh ? new Since(xmin) : null;
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
    // Before anything is read: every transaction not committed yet is this one or later.
    String cursor;
    try (PreparedStatement query =
            db.prepareStatement(
                "select (extract(epoch from clock_timestamp()) * 1000)::bigint,"
                    + " pg_snapshot_xmin(pg_current_snapshot())::text");
        ResultSet row = query.executeQuery()) {
      row.next();
      cursor = today + "~" + row.getLong(1) + "~" + row.getString(2);
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
                  + (from == null ? "" : " and revoked_xid >= cast(? as xid8)"))) {
        query.setObject(1, eventId);
        query.setObject(2, today);
        if (from != null) {
          query.setString(3, Long.toString(from.xmin()));
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
                  + (from == null ? "" : " and changed_xid >= cast(? as xid8)"))) {
        query.setObject(1, eventId);
        query.setObject(2, today);
        if (from != null) {
          query.setString(3, Long.toString(from.xmin()));
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
