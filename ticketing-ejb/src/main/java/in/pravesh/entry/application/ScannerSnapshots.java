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
import java.sql.Timestamp;
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
 * <p>A cursor is the day and the database's clock when the answer was made. Rows carry the time
 * they changed ({@code clock_timestamp()} when written, just before their commit); a delta takes
 * what changed from five seconds before the cursor on, so that a transaction that wrote before the
 * cursor and committed after it is not missed. Entries may come again: applying them is idempotent.
 */
@ApplicationScoped
public class ScannerSnapshots {

  /** How far back of its cursor a delta reaches (longer than any scan transaction commits in). */
  static final long OVERLAP_MILLIS = 5_000;

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
      Long from = from(since, today, clock.millis());
      String version = version(db, eventId, today);
      // With the time, in steps: a copy kept unchanged for long would hand out a cursor older
      // than DELTA_MAX_AGE_MILLIS, and every poll after it would get the whole snapshot again.
      long step = clock.millis() / KEPT_STEP_MILLIS;
      String key = eventId + "|" + today + "|" + version + "|" + from + "|" + step;
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

  /**
   * The cursor's time, or null for a full snapshot (no cursor, one of another day, or one older
   * than {@link #DELTA_MAX_AGE_MILLIS}: a delta that large costs what the kept full copy does not).
   * A time no cursor of ours can have is refused.
   */
  private static Long from(String since, LocalDate today, long now) {
    if (since == null || since.isBlank()) {
      return null;
    }
    String[] parts = since.strip().split("~");
    try {
      if (parts.length != 2) {
        throw new IllegalArgumentException();
      }
      LocalDate day = LocalDate.parse(parts[0]);
      long at = Long.parseLong(parts[1]);
      if (at < 0 || at > now + 60_000) {
        throw new IllegalArgumentException();
      }
      return day.equals(today) && at > now - DELTA_MAX_AGE_MILLIS ? at : null;
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
      Connection db, Object[] event, ZoneId zone, LocalDate today, Long from, String slug)
      throws SQLException {
    UUID eventId = (UUID) event[0];
    Timestamp after = from == null ? null : new Timestamp(from - OVERLAP_MILLIS);
    long cursor;
    try (PreparedStatement query = db.prepareStatement("select clock_timestamp()");
        ResultSet row = query.executeQuery()) {
      row.next();
      cursor = row.getTimestamp(1).getTime();
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
                  + (after == null ? "" : " and revoked_at > ?"))) {
        query.setObject(1, eventId);
        query.setObject(2, today);
        if (after != null) {
          // revoked_at is a node's clock, not the database's: a wider margin.
          query.setTimestamp(3, new Timestamp(after.getTime() - 30_000));
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
                  + (after == null ? "" : " and changed_at > ?"))) {
        query.setObject(1, eventId);
        query.setObject(2, today);
        if (after != null) {
          query.setTimestamp(3, after);
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
      json.write("cursor", today + "~" + cursor);
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
