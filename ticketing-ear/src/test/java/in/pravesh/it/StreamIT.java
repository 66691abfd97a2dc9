package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live statistics stream on one node: a snapshot at once and on every change, Last-Event-ID,
 * one snapshot per change burst shared by all listeners (counted by PostgreSQL's
 * pg_stat_statements), and a listener that stops reading delays nobody. The cross-node signal is
 * ClusterStatsIT's.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StreamIT {

  private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Kolkata"));

  /** A new event with one slot that takes walk-ins; returns {slug, eventId, slotId}. */
  static String[] event() {
    String slug = AdminIT.slug();
    String eventId = AdminIT.createEvent(slug);
    String slot =
        AdminIT.addSlot(eventId, AdminIT.slot(TODAY, 100_000, 50_000))
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    return new String[] {slug, eventId, slot};
  }

  /** A walk-in at the volunteer desk of {@code baseUri} (each from its own client address). */
  static String walkIn(String baseUri, String slot, String name) {
    Map<String, Object> body = new HashMap<>();
    body.put("slotId", slot);
    body.put("name", name);
    body.put("partySize", 2);
    body.put("consent", true);
    body.put("deliver", "none");
    body.put("phone", Sessions.newPhone());
    return io.restassured.RestAssured.given()
        .baseUri(baseUri)
        .auth()
        .oauth2(Sessions.token(Sessions.VOLUNTEER))
        .header("X-Forwarded-For", "10.9." + ThreadLocalRandom.current().nextInt(256) + ".7")
        .contentType("application/json")
        .body(body)
        .post("/api/volunteer/registrations")
        .then()
        .log()
        .ifValidationFails()
        .statusCode(202)
        .extract()
        .path("registrationId");
  }

  /**
   * The next `stats` event within {@code millis} whose numbers satisfy {@code until} (the
   * `occupancy` event before each is skipped: aDashboardSeesPeopleInside checks it).
   */
  static SseClient.Event await(
      SseClient stream, long millis, java.util.function.Predicate<JsonPath> until)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    List<String> seen = new ArrayList<>();
    while (System.currentTimeMillis() < deadline) {
      SseClient.Event event = stream.next(Math.max(1, deadline - System.currentTimeMillis()));
      if (event == null) {
        break;
      }
      seen.add(event.name() + " " + event.data().length() + "B");
      if (event.name().equals("occupancy")) {
        continue;
      }
      assertThat(event.name()).as(event.data()).isEqualTo("stats");
      if (until.test(JsonPath.from(event.data()))) {
        return event;
      }
    }
    throw new AssertionError("no matching stats event within " + millis + " ms; saw " + seen);
  }

  private static String admin() {
    return Sessions.token(Sessions.ADMIN);
  }

  @Test
  void aDashboardGetsTheNumbersAtOnceAndThenEachChange() throws Exception {
    String[] event = event();
    try (SseClient stream = SseClient.open(TestServer.HTTP, admin(), event[0], null)) {
      assertThat(stream.status).isEqualTo(200);
      assertThat(stream.contentType).startsWith("text/event-stream");
      SseClient.Event first = await(stream, 5_000, stats -> true);
      JsonPath stats = JsonPath.from(first.data());
      assertThat(stats.getLong("registrations.total")).isZero();
      assertThat(stats.getString("generatedAt")).endsWith("+05:30");
      assertThat(first.id()).isNotBlank();

      walkIn(TestServer.HTTP, event[2], "आशा देवी");
      SseClient.Event registered =
          await(
              stream,
              3_000,
              s -> s.getLong("registrations.total") == 1 && s.getLong("tickets.issued") == 1);
      assertThat(registered.id()).isNotEqualTo(first.id());
      JsonPath now = JsonPath.from(registered.data());
      assertThat(now.getLong("registrations.people")).isEqualTo(2);
      assertThat(now.getLong("registrations.byChannel.VOLUNTEER")).isEqualTo(1);
      // The same numbers as the statistics call.
      JsonPath polled =
          TestServer.api()
              .auth()
              .oauth2(admin())
              .queryParam("event", event[0])
              .get("/api/admin/stats")
              .jsonPath();
      assertThat(polled.getMap("registrations")).isEqualTo(now.getMap("registrations"));
      assertThat(polled.getMap("tickets")).isEqualTo(now.getMap("tickets"));

      // Reconnecting with the id of what it has: nothing until the numbers change.
      try (SseClient again = SseClient.open(TestServer.HTTP, admin(), event[0], registered.id())) {
        assertThat(again.next(1_500)).isNull();
        walkIn(TestServer.HTTP, event[2], "Ravi");
        await(again, 3_000, s -> s.getLong("registrations.total") == 2);
      }
      // With an older id: the current numbers at once.
      try (SseClient behind = SseClient.open(TestServer.HTTP, admin(), event[0], first.id())) {
        await(behind, 2_000, s -> s.getLong("registrations.total") == 2);
      }
    }
  }

  @Test
  void aDashboardSeesPeopleInsideMoveWithEntriesAndExits() throws Exception {
    UUID slot = TestSlots.create(100, 0);
    UUID gate = TestSlots.gate("Stream gate");
    Tickets.Issued ticket = Tickets.issue(slot);
    try (SseClient stream = SseClient.open(TestServer.HTTP, admin(), TestSlots.EVENT, null)) {
      long before = awaitOccupancy(stream, 5_000, o -> true).getLong("inside");
      ExitsIT.scan(ticket.token(), gate, "IN");
      JsonPath in = awaitOccupancy(stream, 5_000, o -> o.getLong("inside") == before + 2);
      assertThat(in.getInt("byGate.find { it.name == 'Stream gate' }.in")).isEqualTo(2);
      ExitsIT.scan(ticket.token(), gate, "OUT");
      JsonPath out = awaitOccupancy(stream, 5_000, o -> o.getLong("inside") == before);
      assertThat(out.getInt("byGate.find { it.name == 'Stream gate' }.out")).isEqualTo(2);
    }
  }

  private static JsonPath awaitOccupancy(
      SseClient stream, long millis, java.util.function.Predicate<JsonPath> until)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < deadline) {
      SseClient.Event event = stream.next(Math.max(1, deadline - System.currentTimeMillis()));
      if (event == null) {
        break;
      }
      if (event.name().equals("occupancy") && until.test(JsonPath.from(event.data()))) {
        return JsonPath.from(event.data());
      }
    }
    throw new AssertionError("no matching occupancy event within " + millis + " ms");
  }

  @Test
  void aStreamNeedsAnAdminAndAKnownEvent() throws Exception {
    try (SseClient none = SseClient.open(TestServer.HTTP, admin(), null, null)) {
      assertThat(none.status).isEqualTo(400);
      assertThat(none.errorBody()).contains("Name the event");
    }
    try (SseClient unknown = SseClient.open(TestServer.HTTP, admin(), "no-such-fair", null)) {
      assertThat(unknown.status).isEqualTo(404);
      assertThat(unknown.contentType).startsWith("application/problem+json");
    }
    String[] event = event();
    try (SseClient volunteer =
        SseClient.open(TestServer.HTTP, Sessions.token(Sessions.VOLUNTEER), event[0], null)) {
      assertThat(volunteer.status).isEqualTo(403);
    }
    try (SseClient anonymous = SseClient.open(TestServer.HTTP, null, event[0], null)) {
      assertThat(anonymous.status).isEqualTo(401);
    }
  }

  @Test
  void aHundredDashboardsCostTheDatabaseWhatOneCosts() throws Exception {
    String[] event = event();
    List<SseClient> streams = new ArrayList<>();
    try {
      streams.add(SseClient.open(TestServer.HTTP, admin(), event[0], null));
      await(streams.get(0), 5_000, s -> true);
      long one = statisticsQueriesDuring(() -> changes(event[2], 12, "one"));
      for (int i = 1; i < 100; i++) {
        streams.add(SseClient.open(TestServer.HTTP, admin(), event[0], null));
      }
      for (SseClient stream : streams) {
        assertThat(stream.status).isEqualTo(200);
        await(stream, 5_000, s -> s.getLong("registrations.total") == 12);
      }
      long hundred = statisticsQueriesDuring(() -> changes(event[2], 12, "hundred"));
      for (SseClient stream : streams) {
        await(
            stream,
            5_000,
            s -> s.getLong("registrations.total") == 24 && s.getLong("tickets.issued") == 24);
      }
      System.out.printf(
          "StreamIT: statistics queries for 12 walk-ins: %d with one listener, %d with 100%n",
          one, hundred);
      // 12 walk-ins and their tickets over ~3 s: a snapshot at most every 300 ms, each 1 query of
      // this kind, whatever the number of listeners.
      assertThat(one).isBetween(1L, 15L);
      assertThat(hundred).isBetween(1L, one + 4);
    } finally {
      streams.forEach(SseClient::close);
    }
  }

  @Test
  void aListenerThatStopsReadingDelaysNobodyAndIsDropped() throws Exception {
    String[] event = event();
    // 400 gates with long names make each snapshot over 100 KB, so that the stuck connection's
    // buffers (the kernel's grow to 4 MB on loopback) fill within seconds.
    for (int i = 0; i < 400; i++) {
      TestServer.api()
          .auth()
          .oauth2(admin())
          .contentType("application/json")
          .body(
              Map.of(
                  "name",
                  ("द्वार "
                          + i
                          + " — पूर्वी प्रवेश द्वार, मेट्रो स्टेशन और बस अड्डे की ओर, हॉल"
                          + " संख्या बारह के पास")
                      .substring(0, 80)))
          .post("/api/admin/events/" + event[1] + "/gates")
          .then()
          .statusCode(201);
    }
    double droppedBefore =
        Metrics.value(TestServer.MANAGEMENT, "pravesh_stats_listeners_dropped_total");
    try (Socket stuck = new Socket();
        SseClient reader = SseClient.open(TestServer.HTTP, admin(), event[0], null)) {
      stuck.setReceiveBufferSize(1024);
      stuck.connect(new java.net.InetSocketAddress("localhost", 8080 + TestServer.OFFSET));
      OutputStream request = stuck.getOutputStream();
      request.write(
          ("GET /api/admin/stream?event="
                  + event[0]
                  + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                  + "Authorization: Bearer "
                  + admin()
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      request.flush();
      await(reader, 5_000, s -> true);

      long worst = 0;
      int n = 0;
      long deadline = System.currentTimeMillis() + 40_000;
      while (System.currentTimeMillis() < deadline) {
        walkIn(TestServer.HTTP, event[2], "Walk-in " + n);
        long sent = System.nanoTime();
        int expected = ++n;
        SseClient.Event seen =
            await(reader, 3_000, s -> s.getLong("registrations.total") >= expected);
        worst = Math.max(worst, (seen.arrived() - sent) / 1_000_000);
        if (Metrics.value(TestServer.MANAGEMENT, "pravesh_stats_listeners_dropped_total")
            > droppedBefore) {
          break;
        }
      }
      assertThat(Metrics.value(TestServer.MANAGEMENT, "pravesh_stats_listeners_dropped_total"))
          .as("the stuck listener is closed after the send timeout")
          .isGreaterThan(droppedBefore);
      // Dropped, while its client still does not read (its close waits for the stuck write): the
      // others go on as before.
      for (int i = 0; i < 5; i++) {
        walkIn(TestServer.HTTP, event[2], "After " + i);
        long sent = System.nanoTime();
        int expected = ++n;
        SseClient.Event seen =
            await(reader, 3_000, s -> s.getLong("registrations.total") >= expected);
        worst = Math.max(worst, (seen.arrived() - sent) / 1_000_000);
      }
      System.out.printf(
          "StreamIT: %d changes while a listener did not read; worst delay of the reading one:"
              + " %d ms%n",
          n, worst);
      assertThat(worst).isLessThan(1_000);
    }
  }

  private static void changes(String slot, int count, String name) {
    for (int i = 0; i < count; i++) {
      walkIn(TestServer.HTTP, slot, name + " " + i);
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** How many times the statistics' ticket query ran while {@code work} ran (and 2 s after). */
  private static long statisticsQueriesDuring(Runnable work) throws Exception {
    long before = statisticsQueries();
    work.run();
    Thread.sleep(2_000);
    return statisticsQueries() - before;
  }

  private static long statisticsQueries() throws Exception {
    try (Connection db = TestServer.database();
        ResultSet row =
            db.createStatement()
                .executeQuery(
                    "select coalesce(sum(calls), 0) from pg_stat_statements"
                        + " where dbid = (select oid from pg_database"
                        + " where datname = current_database())"
                        + " and query like '%count(*) filter (where r.status =%'")) {
      row.next();
      return row.getLong(1);
    }
  }
}
