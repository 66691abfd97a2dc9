package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** GET /api/events and /api/events/{slug} against the real server and database. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EventsApiIT {

  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
  private static final UUID PAST = UUID.randomUUID();
  private static final UUID LATER = UUID.randomUUID();
  private static final UUID LATER_SLOT = UUID.randomUUID();

  /** Two more events straight in the database: one that has ended, one in Europe next month. */
  @BeforeAll
  static void events() throws Exception {
    LocalDate today = LocalDate.now(KOLKATA);
    try (Connection db = TestServer.database()) {
      insertEvent(db, PAST, "it-past-fair", "UTC", today.minusDays(20), today.minusDays(18));
      insertEvent(
          db, LATER, "it-later-fair", "Europe/Berlin", today.plusDays(30), today.plusDays(31));
      try (PreparedStatement slot =
          db.prepareStatement(
              "insert into slot (id, event_id, slot_date, starts_at, ends_at, capacity,"
                  + " walk_in_reserve, online_taken, reserve_taken)"
                  + " values (?, ?, ?, '09:30', '13:00', 100, 20, 15, 5)")) {
        slot.setObject(1, LATER_SLOT);
        slot.setObject(2, LATER);
        slot.setObject(3, today.plusDays(30));
        slot.executeUpdate();
      }
    }
    // Inserted behind the server's back: the list kept in memory shows them within seconds.
    Eventually.holds(
        () ->
            assertThat(TestServer.api().get("/api/events").jsonPath().getList("slug", String.class))
                .contains("it-later-fair"));
  }

  @AfterAll
  static void cleanUp() throws Exception {
    try (Connection db = TestServer.database();
        PreparedStatement delete = db.prepareStatement("delete from event where id in (?, ?)")) {
      delete.setObject(1, PAST);
      delete.setObject(2, LATER);
      delete.executeUpdate();
    }
  }

  private static void insertEvent(
      Connection db, UUID id, String slug, String zone, LocalDate starts, LocalDate ends)
      throws Exception {
    try (PreparedStatement insert =
        db.prepareStatement(
            "insert into event (id, slug, name, venue, time_zone, starts_on, ends_on)"
                + " values (?, ?, ?, 'Somewhere', ?, ?, ?)")) {
      insert.setObject(1, id);
      insert.setString(2, slug);
      insert.setString(3, slug.toUpperCase());
      insert.setString(4, zone);
      insert.setObject(5, starts);
      insert.setObject(6, ends);
      insert.executeUpdate();
    }
  }

  @Test
  void theListHasTheDemoFairWithThreeDailySlotsFromTodayInKolkata() {
    JsonPath events =
        TestServer.api()
            .get("/api/events")
            .then()
            .statusCode(200)
            .contentType("application/json")
            .extract()
            .jsonPath();

    Map<String, Object> demo = events.getMap("find { it.slug == 'demo-book-fair' }");
    assertThat(demo).isNotNull();
    LocalDate today = LocalDate.now(KOLKATA);
    assertThat(demo)
        .containsEntry("timeZone", "Asia/Kolkata")
        .containsEntry("startsOn", today.toString())
        .containsEntry("endsOn", today.plusDays(2).toString())
        .containsEntry("registrationOpen", true)
        .containsKeys("id", "name", "venue");
    List<Map<String, Object>> slots = events.getList("find { it.slug == 'demo-book-fair' }.slots");
    assertThat(slots)
        .as(
            events.prettify()
                + "\n"
                + TestServer.api().get("/api/events/demo-book-fair").asString())
        .extracting(slot -> slot.get("date"))
        .containsExactly(
            today.toString(), today.plusDays(1).toString(), today.plusDays(2).toString());
    assertThat(slots)
        .allSatisfy(
            slot ->
                assertThat(slot)
                    .containsEntry("startsAt", "10:00")
                    .containsEntry("endsAt", "20:00")
                    .containsEntry("capacity", 5000)
                    .containsEntry("remaining", 4500)
                    .containsKey("id"));
  }

  @Test
  void eventsWhoseSlotsWereAddedInTurnAreListedOnceWithAllTheirSlots() throws Exception {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    LocalDate day = LocalDate.now(KOLKATA).plusDays(60);
    try (Connection db = TestServer.database()) {
      insertEvent(db, first, "it-turn-one", "Asia/Kolkata", day, day.plusDays(3));
      insertEvent(db, second, "it-turn-two", "Asia/Kolkata", day, day.plusDays(3));
      // Slots inserted alternately, so the rows of the two events interleave.
      try (PreparedStatement slot =
          db.prepareStatement(
              "insert into slot (id, event_id, slot_date, starts_at, ends_at, capacity)"
                  + " values (gen_random_uuid(), ?, ?, '10:00', '12:00', 10)")) {
        for (int i = 0; i < 3; i++) {
          for (UUID event : List.of(first, second)) {
            slot.setObject(1, event);
            slot.setObject(2, day.plusDays(i));
            slot.executeUpdate();
          }
        }
      }
    }
    try {
      Eventually.holds(
          () -> {
            JsonPath events = TestServer.api().get("/api/events").jsonPath();
            for (String slug : List.of("it-turn-one", "it-turn-two")) {
              assertThat(events.getList("findAll { it.slug == '" + slug + "' }")).hasSize(1);
              assertThat(events.getList("find { it.slug == '" + slug + "' }.slots")).hasSize(3);
            }
          });
    } finally {
      try (Connection db = TestServer.database();
          PreparedStatement delete = db.prepareStatement("delete from event where id in (?, ?)")) {
        delete.setObject(1, first);
        delete.setObject(2, second);
        delete.executeUpdate();
      }
    }
  }

  @Test
  void endedEventsAreNotListedAndUpcomingOnesAreSoonestFirst() {
    List<String> slugs = TestServer.api().get("/api/events").jsonPath().getList("slug");

    assertThat(slugs).doesNotContain("it-past-fair").contains("it-later-fair");
    assertThat(slugs.indexOf("demo-book-fair")).isLessThan(slugs.indexOf("it-later-fair"));
  }

  @Test
  void remainingIsTheOnlineSeatsLeftAsTheDatabaseHasThem() {
    TestServer.api()
        .get("/api/events/it-later-fair")
        .then()
        .statusCode(200)
        .body("timeZone", equalTo("Europe/Berlin"))
        .body("slots[0].id", equalTo(LATER_SLOT.toString()))
        .body("slots[0].startsAt", equalTo("09:30"))
        .body("slots[0].capacity", equalTo(100))
        // 100 seats, 20 kept for walk-ins, 15 taken online: 65 left online.
        .body("slots[0].remaining", equalTo(65));
  }

  @Test
  void anEndedEventIsStillFoundBySlug() {
    TestServer.api()
        .get("/api/events/it-past-fair")
        .then()
        .statusCode(200)
        .body("slug", equalTo("it-past-fair"))
        .body("slots.size()", equalTo(0));
  }

  @Test
  void anUnknownSlugIsANotFoundProblem() {
    TestServer.api()
        .get("/api/events/no-such-fair")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:pravesh:problem:not-found"))
        .body("status", equalTo(404));
  }
}
