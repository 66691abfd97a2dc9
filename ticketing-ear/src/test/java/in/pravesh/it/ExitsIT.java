package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exits, re-entry and occupancy (api.md, Entry: exits and occupancy). Each test has an event of its
 * own, so that its counts are its own.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ExitsIT {

  private static String volunteer;
  private static String admin;

  @BeforeAll
  static void staff() {
    volunteer = Sessions.token(Sessions.VOLUNTEER);
    admin = Sessions.token(Sessions.ADMIN);
  }

  /** A new event today with a slot and two gates; the slot, the event's slug, the gates. */
  private record Venue(String slug, UUID slot, UUID east, UUID west) {}

  private static Venue venue(Integer maxInside, boolean reentry) throws Exception {
    String slug = "it-exits-" + UUID.randomUUID().toString().substring(0, 8);
    UUID slot = TestSlots.createIn(slug, 1_000);
    UUID east = TestSlots.gateIn(slug, "East");
    UUID west = TestSlots.gateIn(slug, "West");
    try (Connection db = TestServer.database();
        PreparedStatement rules =
            db.prepareStatement("update event set max_inside = ?, reentry = ? where slug = ?")) {
      rules.setObject(1, maxInside);
      rules.setBoolean(2, reentry);
      rules.setString(3, slug);
      rules.executeUpdate();
    }
    return new Venue(slug, slot, east, west);
  }

  static Response scan(String token, UUID gate, String direction) {
    Map<String, Object> body = new HashMap<>();
    body.put("token", token);
    body.put("gateId", gate.toString());
    body.put("direction", direction);
    return Tickets.post(
        TestServer.HTTP, Sessions.token(Sessions.VOLUNTEER), body, Tickets.newKey());
  }

  private static String outcome(Response response) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return response.jsonPath().getString("outcome");
  }

  @Test
  void twentyRacingExitsOfOneTicketExitItOnceAndReentryAlternates() throws Exception {
    Venue venue = venue(null, true);
    Tickets.Issued ticket = Tickets.issue(venue.slot());
    assertThat(outcome(scan(ticket.token(), venue.east(), "OUT"))).isEqualTo("NOT_INSIDE");
    assertThat(outcome(scan(ticket.token(), venue.east(), "IN"))).isEqualTo("ADMITTED");

    List<String> exits = race(20, i -> () -> scan(ticket.token(), gate(venue, i), "OUT"));
    assertThat(exits).containsOnlyOnce("EXITED").containsOnly("EXITED", "NOT_INSIDE");
    assertThat(state(ticket.id())).isEqualTo("false/1");

    List<String> returns = race(20, i -> () -> scan(ticket.token(), gate(venue, i), "IN"));
    assertThat(returns)
        .containsOnlyOnce("READMITTED")
        .containsOnly("READMITTED", "ALREADY_ADMITTED");
    assertThat(state(ticket.id())).isEqualTo("true/2");

    // A re-entry answer carries the first admission.
    JsonPath again = scan(ticket.token(), venue.west(), "IN").jsonPath();
    assertThat(again.getString("outcome")).isEqualTo("ALREADY_ADMITTED");
    assertThat(again.getString("firstGate")).isEqualTo("East");

    // Party of 2, once inside: the counts follow every move, per gate.
    JsonPath occupancy = occupancy(venue.slug());
    assertThat(occupancy.getInt("inside")).isEqualTo(2).isEqualTo(insideInDatabase(venue.slug()));
    // Summed over the gates listed (a gate nobody went through today is not).
    List<Map<String, Integer>> byGate = occupancy.getList("byGate");
    assertThat(byGate.stream().mapToInt(g -> g.get("in")).sum()).isEqualTo(4);
    assertThat(byGate.stream().mapToInt(g -> g.get("out")).sum()).isEqualTo(2);
    assertThat(occupancy.getString("maxInside")).isNull();
    assertThat(occupancy.getString("updatedAt")).endsWith("+05:30");
    assertThat(
            ScanIT.count(
                "select count(*) from scan where ticket_id = ? and direction = 'OUT'", ticket.id()))
        .isEqualTo(21);
  }

  @Test
  void withoutReentryAnExitedTicketStaysOutAndAnExitIsNotUndone() throws Exception {
    Venue venue = venue(null, false);
    Tickets.Issued ticket = Tickets.issue(venue.slot());
    assertThat(outcome(scan(ticket.token(), venue.east(), "IN"))).isEqualTo("ADMITTED");
    assertThat(outcome(scan(ticket.token(), venue.west(), "OUT"))).isEqualTo("EXITED");
    assertThat(outcome(scan(ticket.token(), venue.east(), "IN"))).isEqualTo("ALREADY_ADMITTED");
    assertThat(outcome(scan(ticket.token(), venue.east(), "OUT"))).isEqualTo("NOT_INSIDE");
    assertThat(occupancy(venue.slug()).getInt("inside")).isZero();
  }

  @Test
  void aFullVenueRefusesRacingEntriesBeyondItsLimitAndTakesPeopleAgainAsTheyLeave()
      throws Exception {
    // Parties of 2, room for 6: three tickets get in, whatever the race.
    Venue venue = venue(6, true);
    List<Tickets.Issued> tickets = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      tickets.add(Tickets.issue(venue.slot()));
    }
    List<Response> answers =
        raceResponses(8, i -> () -> scan(tickets.get(i).token(), gate(venue, i), "IN"));
    List<String> outcomes = answers.stream().map(ExitsIT::outcome).toList();
    assertThat(outcomes.stream().filter("ADMITTED"::equals)).hasSize(3);
    assertThat(outcomes.stream().filter("VENUE_FULL"::equals)).hasSize(5);
    assertThat(insideInDatabase(venue.slug())).isEqualTo(6);
    assertThat(occupancy(venue.slug()).getInt("inside")).isEqualTo(6);
    assertThat(occupancy(venue.slug()).getInt("maxInside")).isEqualTo(6);
    // Nothing recorded as admitted for a refused entry.
    int refused = -1;
    for (int i = 0; i < 8; i++) {
      if (outcomes.get(i).equals("VENUE_FULL")) {
        refused = i;
        assertThat(
                ScanIT.count(
                    "select count(*) from admission where ticket_id = ?", tickets.get(i).id()))
            .isZero();
      }
    }
    // Crowded (at 90 %) on every answer now, refusals included.
    JsonPath full = scan(tickets.get(refused).token(), venue.east(), "IN").jsonPath();
    assertThat(full.getString("outcome")).isEqualTo("VENUE_FULL");
    assertThat(full.getBoolean("crowded")).isTrue();

    int admitted = outcomes.indexOf("ADMITTED");
    assertThat(outcome(scan(tickets.get(admitted).token(), venue.west(), "OUT")))
        .isEqualTo("EXITED");
    JsonPath now = scan(tickets.get(refused).token(), venue.east(), "IN").jsonPath();
    assertThat(now.getString("outcome")).isEqualTo("ADMITTED");
    assertThat(now.getBoolean("crowded")).isTrue();
    // The one who left cannot come back while it is full; exits always work.
    assertThat(outcome(scan(tickets.get(admitted).token(), venue.east(), "IN")))
        .isEqualTo("VENUE_FULL");
    assertThat(insideInDatabase(venue.slug())).isEqualTo(6);

    // A scanner that was offline let one more party in: they are inside, so they are counted,
    // past the limit, rather than refused after the fact.
    int late = outcomes.indexOf("VENUE_FULL"); // not `refused` (the last), admitted since
    Map<String, Object> offline = new HashMap<>();
    offline.put("key", Tickets.newKey());
    offline.put("token", tickets.get(late).token());
    offline.put("gateId", venue.west().toString());
    offline.put("scannedAt", java.time.OffsetDateTime.now().minusSeconds(5).toString());
    offline.put("offlineOutcome", "ADMITTED");
    JsonPath synced =
        TestServer.api()
            .auth()
            .oauth2(volunteer)
            .contentType("application/json")
            .body(Map.of("deviceId", "tablet", "scans", List.of(offline)))
            .post("/api/scans/batch")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(synced.getString("results[0].outcome")).isEqualTo("ADMITTED");
    assertThat(insideInDatabase(venue.slug())).isEqualTo(8);
    assertThat(occupancy(venue.slug()).getInt("inside")).isEqualTo(8);
  }

  @Test
  void occupancyIsForAdminsOfAKnownEvent() {
    TestServer.api()
        .auth()
        .oauth2(volunteer)
        .get("/api/admin/occupancy?event=it-fair")
        .then()
        .statusCode(403);
    TestServer.api()
        .auth()
        .oauth2(admin)
        .get("/api/admin/occupancy?event=no-such-event")
        .then()
        .statusCode(404);
    TestServer.api().auth().oauth2(admin).get("/api/admin/occupancy").then().statusCode(400);
    Response bad =
        Tickets.post(
            TestServer.HTTP,
            volunteer,
            Map.of("token", "x", "gateId", UUID.randomUUID().toString(), "direction", "UP"),
            null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.asString()).contains("direction");
  }

  @Test
  void anOlderMoveSentAgainGetsItsAnswerAndMovesNobody() throws Exception {
    Venue venue = venue(null, true);
    Tickets.Issued ticket = Tickets.issue(venue.slot());
    String volunteer = Sessions.token(Sessions.VOLUNTEER);
    List<String> keys = List.of("in-1", "out-2", "in-3", "out-4");
    List<String> directions = List.of("IN", "OUT", "IN", "OUT");
    List<String> answers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Map<String, Object> body = new HashMap<>();
      body.put("token", ticket.token());
      body.put("gateId", venue.east().toString());
      body.put("direction", directions.get(i));
      answers.add(
          outcome(Tickets.post(TestServer.HTTP, volunteer, body, ticket.id() + "-" + keys.get(i))));
    }
    assertThat(answers).containsExactly("ADMITTED", "EXITED", "READMITTED", "EXITED");
    // The second and third scans again, by the same volunteer with the same keys, as a scanner's
    // batch (another route: the idempotency store does not answer them; the ticket's state does).
    List<Map<String, Object>> again = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      Map<String, Object> scan = new HashMap<>();
      scan.put("key", ticket.id() + "-" + keys.get(i));
      scan.put("token", ticket.token());
      scan.put("gateId", venue.east().toString());
      scan.put("direction", directions.get(i));
      scan.put("scannedAt", java.time.OffsetDateTime.now().minusSeconds(3 - i).toString());
      scan.put("offlineOutcome", answers.get(i));
      again.add(scan);
    }
    Response sent =
        TestServer.api()
            .auth()
            .oauth2(volunteer)
            .contentType("application/json")
            .body(Map.of("deviceId", "retry-device", "scans", again))
            .post("/api/scans/batch");
    assertThat(sent.statusCode()).as(sent.asString()).isEqualTo(200);
    assertThat(sent.jsonPath().getList("results.outcome")).containsExactly("EXITED", "READMITTED");
    // Outside, after three moves: nothing moved again.
    assertThat(state(ticket.id())).isEqualTo("false/3");
    assertThat(occupancy(venue.slug()).getInt("inside")).isZero();
  }

  static UUID gate(Venue venue, int i) {
    return i % 2 == 0 ? venue.east() : venue.west();
  }

  static JsonPath occupancy(String slug) {
    return TestServer.api()
        .auth()
        .oauth2(Sessions.token(Sessions.ADMIN))
        .get("/api/admin/occupancy?event=" + slug)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** People inside by the admission rows themselves. */
  static int insideInDatabase(String slug) throws Exception {
    return ScanIT.count(
        "select coalesce(sum(a.party_size), 0) from admission a join event e"
            + " on e.id = a.event_id where e.slug = ? and a.inside"
            + " and a.admitted_on = (now() at time zone e.time_zone)::date",
        slug);
  }

  private static String state(String ticketId) throws Exception {
    try (Connection db = TestServer.database();
        PreparedStatement query =
            db.prepareStatement("select inside, moves from admission where ticket_id = ?")) {
      query.setString(1, ticketId);
      ResultSet row = query.executeQuery();
      row.next();
      return row.getBoolean(1) + "/" + row.getInt(2);
    }
  }

  interface Call {
    Supplier<Response> make(int i);
  }

  static List<String> race(int n, Call call) throws Exception {
    return raceResponses(n, call).stream().map(ExitsIT::outcome).toList();
  }

  static List<Response> raceResponses(int n, Call call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Response>> answers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Supplier<Response> request = call.make(i);
      answers.add(
          pool.submit(
              () -> {
                start.await();
                return request.get();
              }));
    }
    start.countDown();
    List<Response> responses = new ArrayList<>();
    for (Future<Response> answer : answers) {
      responses.add(answer.get());
    }
    pool.shutdown();
    return responses;
  }
}
