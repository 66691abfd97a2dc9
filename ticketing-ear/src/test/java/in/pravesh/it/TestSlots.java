package in.pravesh.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/**
 * Slots made straight in the database for tests that need their own seats, in an event of their own
 * ({@code it-fair}, from yesterday to the day after tomorrow) so the demo event stays as seeded.
 */
final class TestSlots {

  static final String EVENT = "it-fair";
  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

  private TestSlots() {}

  /** A new slot today, open until late evening in Kolkata. */
  static UUID create(int capacity, int walkInReserve) throws Exception {
    return create(LocalDate.now(KOLKATA), capacity, walkInReserve);
  }

  static UUID create(LocalDate date, int capacity, int walkInReserve) throws Exception {
    return create(EVENT, date, capacity, walkInReserve);
  }

  /** A new slot today in the event {@code slug} (made if it does not exist). */
  static UUID createIn(String slug, int capacity) throws Exception {
    return create(slug, LocalDate.now(KOLKATA), capacity, 0);
  }

  private static UUID create(String slug, LocalDate date, int capacity, int walkInReserve)
      throws Exception {
    return create(slug, date, "00:00", "23:59", capacity, walkInReserve);
  }

  /** A new slot from {@code from} to {@code to} (HH:mm) in the event {@code slug}. */
  static UUID create(
      String slug, LocalDate date, String from, String to, int capacity, int walkInReserve)
      throws Exception {
    UUID id = UUID.randomUUID();
    try (Connection db = TestServer.database()) {
      ensureEvent(db, slug);
      try (PreparedStatement insert =
          db.prepareStatement(
              "insert into slot (id, event_id, slot_date, starts_at, ends_at, capacity,"
                  + " walk_in_reserve) select ?, id, ?, ?::time, ?::time, ?, ? from event"
                  + " where slug = ?")) {
        insert.setObject(1, id);
        insert.setObject(2, date);
        insert.setString(3, from);
        insert.setString(4, to);
        insert.setInt(5, capacity);
        insert.setInt(6, walkInReserve);
        insert.setString(7, slug);
        insert.executeUpdate();
      }
    }
    return id;
  }

  private static void ensureEvent(Connection db, String slug) throws Exception {
    try (PreparedStatement event =
        db.prepareStatement(
            "insert into event (id, slug, name, venue, time_zone, starts_on, ends_on)"
                + " values (gen_random_uuid(), ?, 'IT Fair', 'Test hall', 'Asia/Kolkata', ?, ?)"
                + " on conflict (slug) do nothing")) {
      event.setString(1, slug);
      event.setObject(2, LocalDate.now(KOLKATA).minusDays(1));
      event.setObject(3, LocalDate.now(KOLKATA).plusDays(2));
      event.executeUpdate();
    }
  }

  /** A gate of the test event (made once per name). */
  static UUID gate(String name) throws Exception {
    return gateIn(EVENT, name);
  }

  /** A gate of the event {@code slug} (made, with the event, once per name). */
  static UUID gateIn(String slug, String name) throws Exception {
    try (Connection db = TestServer.database()) {
      ensureEvent(db, slug);
    }
    try (Connection db = TestServer.database();
        PreparedStatement insert =
            db.prepareStatement(
                "insert into gate (id, event_id, name) select gen_random_uuid(), id, ? from event"
                    + " where slug = ? on conflict (event_id, name) do nothing");
        PreparedStatement query =
            db.prepareStatement(
                "select g.id from gate g join event e on e.id = g.event_id"
                    + " where e.slug = ? and g.name = ?")) {
      insert.setString(1, name);
      insert.setString(2, slug);
      insert.executeUpdate();
      query.setString(1, slug);
      query.setString(2, name);
      var rows = query.executeQuery();
      rows.next();
      return rows.getObject(1, UUID.class);
    }
  }

  static int onlineTaken(UUID slot) throws Exception {
    try (Connection db = TestServer.database();
        PreparedStatement query =
            db.prepareStatement("select online_taken from slot where id = ?")) {
      query.setObject(1, slot);
      var rows = query.executeQuery();
      rows.next();
      return rows.getInt(1);
    }
  }

  static int reserveTaken(UUID slot) throws Exception {
    try (Connection db = TestServer.database();
        PreparedStatement query =
            db.prepareStatement("select reserve_taken from slot where id = ?")) {
      query.setObject(1, slot);
      var rows = query.executeQuery();
      rows.next();
      return rows.getInt(1);
    }
  }
}
