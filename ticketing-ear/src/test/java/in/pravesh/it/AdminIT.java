package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin API: events, slots, gates with their rules, broadcasts, the audit log. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminIT {

  private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Kolkata"));

  private static RequestSpecification asAdmin() {
    return TestServer.api().auth().oauth2(Sessions.token(Sessions.ADMIN));
  }

  static Map<String, Object> event(String slug) {
    Map<String, Object> event = new HashMap<>();
    event.put("slug", slug);
    event.put("name", "Book Fair " + slug);
    event.put("venue", "Hall 5");
    event.put("timeZone", "Asia/Kolkata");
    event.put("startsOn", TODAY.toString());
    event.put("endsOn", TODAY.plusDays(3).toString());
    event.put("registrationOpen", true);
    return event;
  }

  static Map<String, Object> slot(LocalDate date, int capacity, int reserve) {
    return Map.of(
        "date",
        date.toString(),
        "startsAt",
        "00:00",
        "endsAt",
        "23:59",
        "capacity",
        capacity,
        "walkInReserve",
        reserve);
  }

  static String createEvent(String slug) {
    return asAdmin()
        .contentType("application/json")
        .body(event(slug))
        .post("/api/admin/events")
        .then()
        .statusCode(201)
        .body("slug", equalTo(slug))
        .body("timeZone", equalTo("Asia/Kolkata"))
        .body("reentry", equalTo(true))
        .extract()
        .jsonPath()
        .getString("id");
  }

  static Response addSlot(String eventId, Map<String, Object> slot) {
    return asAdmin()
        .contentType("application/json")
        .body(slot)
        .post("/api/admin/events/" + eventId + "/slots");
  }

  static String slug() {
    return "fair-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void anAdminCreatesAnEventWithSlotsAndAGateAndEachChangeIsAudited() {
    String slug = slug();
    String eventId = createEvent(slug);
    String first =
        addSlot(eventId, slot(TODAY, 100, 10)).then().statusCode(201).extract().path("id");
    addSlot(eventId, slot(TODAY.plusDays(1), 50, 0))
        .then()
        .statusCode(201)
        .body("remaining", equalTo(50));
    String gate =
        asAdmin()
            .contentType("application/json")
            .body(Map.of("name", "North Gate"))
            .post("/api/admin/events/" + eventId + "/gates")
            .then()
            .statusCode(201)
            .body("name", equalTo("North Gate"))
            .extract()
            .path("id");

    // The public sees it at once; volunteers see the gate.
    TestServer.api()
        .get("/api/events/" + slug)
        .then()
        .statusCode(200)
        .body("slots.size()", equalTo(2))
        .body("slots[0].id", equalTo(first))
        .body("slots[0].remaining", equalTo(90));
    TestServer.api()
        .auth()
        .oauth2(Sessions.token(Sessions.VOLUNTEER))
        .queryParam("event", slug)
        .get("/api/gates")
        .then()
        .statusCode(200)
        .body("id", equalTo(List.of(gate)));

    JsonPath audit =
        asAdmin()
            .queryParam("actor", Sessions.ADMIN)
            .queryParam("size", 20)
            .get("/api/admin/audit")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<String> targets = audit.getList("items.target");
    assertThat(targets).contains(eventId, first, gate);
    assertThat(audit.getList("items.action", String.class))
        .contains("event.created", "slot.created", "gate.created");
    assertThat(audit.getString("items[0].address")).isNotBlank();
    assertThat(audit.getString("items[0].actorPhone")).isEqualTo(Sessions.ADMIN);

    asAdmin()
        .queryParam("action", "slot.")
        .get("/api/admin/audit")
        .then()
        .statusCode(200)
        .body("items.action", everyItem(startsWith("slot.")))
        .body("items.target", hasItem(first));
  }

  @Test
  void aSlotKeepsItsTakenSeatsItsDateWhileRegisteredAndIsDeletedOnlyWhenUnused() throws Exception {
    String eventId = createEvent(slug());
    String slot = addSlot(eventId, slot(TODAY, 20, 5)).then().statusCode(201).extract().path("id");
    DeskIT.walkIn(
            Sessions.token(Sessions.VOLUNTEER),
            UUID.fromString(slot),
            Sessions.newPhone(),
            8,
            "none")
        .then()
        .statusCode(202); // 5 from the reserve, 3 online

    putSlot(slot, slot(TODAY, 7, 5))
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:pravesh:problem:conflict"))
        .body("onlineTaken", equalTo(3))
        .body("reserveTaken", equalTo(5));
    putSlot(slot, slot(TODAY, 20, 4)).then().statusCode(409).body("reserveTaken", equalTo(5));
    putSlot(slot, slot(TODAY.plusDays(1), 20, 5)).then().statusCode(409).body("taken", equalTo(8));
    asAdmin().delete("/api/admin/slots/" + slot).then().statusCode(409).body("taken", equalTo(8));
    // Nothing of the refused changes stuck.
    assertSlot(eventId, slot, TODAY, 20, 5);

    putSlot(slot, slot(TODAY, 8, 5))
        .then()
        .statusCode(200)
        .body("capacity", equalTo(8))
        .body("remaining", equalTo(0));

    String empty = addSlot(eventId, slot(TODAY, 10, 0)).then().statusCode(201).extract().path("id");
    putSlot(empty, slot(TODAY.plusDays(2), 10, 0))
        .then()
        .statusCode(200)
        .body("date", equalTo(TODAY.plusDays(2).toString()));
    asAdmin().delete("/api/admin/slots/" + empty).then().statusCode(204);
    asAdmin().delete("/api/admin/slots/" + empty).then().statusCode(404);
  }

  @Test
  void badEventsAndSlotsAreFieldErrorsAndASlugIsTakenOnce() {
    String slug = slug();
    String eventId = createEvent(slug);
    for (Map.Entry<String, Object> bad :
        List.<Map.Entry<String, Object>>of(
            Map.entry("slug", "Not A Slug"),
            Map.entry("timeZone", "Mars/Olympus"),
            Map.entry("startsOn", "31-12-2026"),
            Map.entry("endsOn", TODAY.minusDays(1).toString()))) {
      Map<String, Object> body = event(slug());
      body.put(bad.getKey(), bad.getValue());
      asAdmin()
          .contentType("application/json")
          .body(body)
          .post("/api/admin/events")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors." + bad.getKey(), notNullValue());
    }
    asAdmin()
        .contentType("application/json")
        .body(event(slug))
        .post("/api/admin/events")
        .then()
        .statusCode(409)
        .body("errors.slug", notNullValue());

    addSlot(eventId, slot(TODAY.plusDays(9), 10, 0))
        .then()
        .statusCode(400)
        .body("errors.date", notNullValue());
    addSlot(eventId, slot(TODAY, 10, 11))
        .then()
        .statusCode(400)
        .body("errors.walkInReserve", notNullValue());
    Map<String, Object> backwards = new HashMap<>(slot(TODAY, 10, 0));
    backwards.put("endsAt", "09:00");
    backwards.put("startsAt", "10:00");
    addSlot(eventId, backwards).then().statusCode(400).body("errors.endsAt", notNullValue());

    // An event's dates must keep holding its slots.
    addSlot(eventId, slot(TODAY.plusDays(3), 10, 0)).then().statusCode(201);
    Map<String, Object> shorter = event(slug);
    shorter.put("endsOn", TODAY.plusDays(1).toString());
    asAdmin()
        .contentType("application/json")
        .body(shorter)
        .put("/api/admin/events/" + eventId)
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:pravesh:problem:conflict"));
    Map<String, Object> closed = event(slug);
    closed.put("registrationOpen", false);
    closed.put("name", "Renamed");
    asAdmin()
        .contentType("application/json")
        .body(closed)
        .put("/api/admin/events/" + eventId)
        .then()
        .statusCode(200)
        .body("registrationOpen", equalTo(false))
        .body("name", equalTo("Renamed"));
  }

  @Test
  void aRetiredGateIsNoLongerOfferedNorScannedAt() {
    String slug = slug();
    String eventId = createEvent(slug);
    String gate =
        asAdmin()
            .contentType("application/json")
            .body(Map.of("name", "Old Gate"))
            .post("/api/admin/events/" + eventId + "/gates")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    asAdmin()
        .contentType("application/json")
        .body(Map.of("name", "Old Gate"))
        .post("/api/admin/events/" + eventId + "/gates")
        .then()
        .statusCode(409);
    asAdmin()
        .contentType("application/json")
        .body(Map.of("name", "Gate A"))
        .put("/api/admin/gates/" + gate)
        .then()
        .statusCode(200)
        .body("name", equalTo("Gate A"));

    asAdmin()
        .post("/api/admin/gates/" + gate + "/retire")
        .then()
        .statusCode(200)
        .body("retired", equalTo(true));

    TestServer.api()
        .auth()
        .oauth2(Sessions.token(Sessions.VOLUNTEER))
        .queryParam("event", slug)
        .get("/api/gates")
        .then()
        .statusCode(200)
        .body("id", not(hasItem(gate)));
    TestServer.api()
        .auth()
        .oauth2(Sessions.token(Sessions.VOLUNTEER))
        .contentType("application/json")
        .body(Map.of("code", "AAAA-BBBB", "gateId", gate))
        .post("/api/scans")
        .then()
        .statusCode(400);
  }

  @Test
  void aVolunteerIsRefusedOnEveryAdminRoute() {
    String volunteer = Sessions.token(Sessions.VOLUNTEER);
    String some = UUID.randomUUID().toString();
    List<String[]> routes =
        List.of(
            new String[] {"GET", "/api/admin/events"},
            new String[] {"POST", "/api/admin/events"},
            new String[] {"GET", "/api/admin/events/" + some},
            new String[] {"PUT", "/api/admin/events/" + some},
            new String[] {"POST", "/api/admin/events/" + some + "/slots"},
            new String[] {"PUT", "/api/admin/slots/" + some},
            new String[] {"DELETE", "/api/admin/slots/" + some},
            new String[] {"POST", "/api/admin/events/" + some + "/gates"},
            new String[] {"PUT", "/api/admin/gates/" + some},
            new String[] {"POST", "/api/admin/gates/" + some + "/retire"},
            new String[] {"POST", "/api/admin/broadcasts"},
            new String[] {"GET", "/api/admin/audit"},
            new String[] {"GET", "/api/admin/staff"},
            new String[] {"POST", "/api/admin/staff"},
            new String[] {"GET", "/api/admin/jobs/dead"});
    for (String[] route : routes) {
      TestServer.api()
          .auth()
          .oauth2(volunteer)
          .contentType("application/json")
          .body("{}")
          .request(route[0], route[1])
          .then()
          .statusCode(403);
      TestServer.api()
          .contentType("application/json")
          .body("{}")
          .request(route[0], route[1])
          .then()
          .statusCode(401);
    }
  }

  @Test
  void aBroadcastReachesEveryActiveRegistrantOfTheSlotOnce() throws Exception {
    UUID slot = TestSlots.create(50, 10);
    String staying = Sessions.newPhone();
    String leaving = Sessions.newPhone();
    String volunteer = Sessions.token(Sessions.VOLUNTEER);
    DeskIT.walkIn(volunteer, slot, staying, 2, "none").then().statusCode(202);
    String cancelled =
        DeskIT.walkIn(volunteer, slot, leaving, 1, "none")
            .then()
            .statusCode(202)
            .extract()
            .path("registrationId");
    asAdmin().delete("/api/registrations/" + cancelled).then().statusCode(204);

    String key = UUID.randomUUID().toString();
    Map<String, Object> body =
        Map.of("slotId", slot.toString(), "message", "Gates open at 11 today because of rain");
    for (int i = 0; i < 2; i++) {
      asAdmin()
          .contentType("application/json")
          .header("Idempotency-Key", key)
          .body(body)
          .post("/api/admin/broadcasts")
          .then()
          .statusCode(202)
          .body("recipients", equalTo(1));
    }

    DeskIT.awaitOutbox(staying, "because of rain");
    Thread.sleep(1_000);
    assertThat(Sessions.outbox(staying).stream().filter(m -> m.contains("because of rain")))
        .hasSize(1);
    assertThat(Sessions.outbox(leaving)).noneMatch(m -> m.contains("because of rain"));
    asAdmin()
        .queryParam("action", "broadcast.sent")
        .get("/api/admin/audit")
        .then()
        .body("items.detail", hasItem(org.hamcrest.Matchers.containsString("because of rain")));
    asAdmin()
        .contentType("application/json")
        .body(Map.of("slotId", slot.toString(), "message", ""))
        .post("/api/admin/broadcasts")
        .then()
        .statusCode(400)
        .body("errors.message", notNullValue());
  }

  @Test
  void aVolunteersGateIsTheirDefaultAndScansElsewhereAreRecordedAsSuch() throws Exception {
    String phone = Sessions.newPhone();
    UUID home = TestSlots.gate("Home Gate");
    UUID other = TestSlots.gate("Other Gate");
    asAdmin()
        .contentType("application/json")
        .body(
            Map.of(
                "phone",
                phone,
                "name",
                "Gate Volunteer",
                "role",
                "volunteer",
                "gateId",
                home.toString()))
        .post("/api/admin/staff")
        .then()
        .statusCode(201);
    String volunteer = Sessions.login(phone).jsonPath().getString("accessToken");

    JsonPath gates =
        TestServer.api()
            .auth()
            .oauth2(volunteer)
            .queryParam("event", "it-fair")
            .get("/api/gates")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(gates.getList("findAll { it.assigned }.id"))
        .as(gates.prettify())
        .containsExactly(home.toString());

    TestServer.api()
        .auth()
        .oauth2(volunteer)
        .contentType("application/json")
        .body(Map.of("code", "ZZZZ-ZZZZ", "gateId", other.toString()))
        .post("/api/scans")
        .then()
        .statusCode(200);
    try (Connection db = TestServer.database();
        PreparedStatement query =
            db.prepareStatement(
                "select gate_id, assigned_gate_id from scan where volunteer_id = ?"
                    + " order by id desc limit 1")) {
      query.setObject(
          1,
          UUID.fromString(
              TestServer.api().auth().oauth2(volunteer).get("/api/me").jsonPath().getString("id")));
      var row = query.executeQuery();
      assertThat(row.next()).isTrue();
      assertThat(row.getObject(1, UUID.class)).isEqualTo(other);
      assertThat(row.getObject(2, UUID.class)).isEqualTo(home);
    }
  }

  private static Response putSlot(String id, Map<String, Object> slot) {
    return asAdmin().contentType("application/json").body(slot).put("/api/admin/slots/" + id);
  }

  private static void assertSlot(
      String eventId, String slotId, LocalDate date, int capacity, int reserve) {
    JsonPath event =
        asAdmin().get("/api/admin/events/" + eventId).then().statusCode(200).extract().jsonPath();
    Map<String, Object> slot =
        event.<Map<String, Object>>getList("slots").stream()
            .filter(s -> slotId.equals(s.get("id")))
            .findFirst()
            .orElseThrow();
    assertThat(slot.get("date")).isEqualTo(date.toString());
    assertThat(slot.get("capacity")).isEqualTo(capacity);
    assertThat(slot.get("walkInReserve")).isEqualTo(reserve);
  }
}
