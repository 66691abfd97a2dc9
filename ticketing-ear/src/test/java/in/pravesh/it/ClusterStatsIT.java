package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Live statistics across the two-node cluster: a scan on node 2 reaches a dashboard on node 1
 * within a second (the replicated stats signal), and after a mixed run of registrations,
 * cancellations and scans on both nodes, both nodes' statistics equal the database's own counts.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClusterStatsIT {

  @Test
  void aScanOnNodeTwoReachesADashboardOnNodeOneAndBothNodesAgreeWithTheDatabase() throws Exception {
    ClusterFixture.ensureStarted();
    ClusterFixture.assertFormed();
    String node1 = ClusterFixture.http(1);
    String node2 = ClusterFixture.http(2);
    String admin = Sessions.token(Sessions.ADMIN);
    String volunteer = Sessions.token(Sessions.VOLUNTEER);
    String[] event = StreamIT.event();
    String gate =
        TestServer.api()
            .auth()
            .oauth2(admin)
            .contentType("application/json")
            .body(Map.of("name", "North gate"))
            .post("/api/admin/events/" + event[1] + "/gates")
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    try (SseClient dashboard = SseClient.open(node1, admin, event[0], null)) {
      assertThat(dashboard.status).isEqualTo(200);
      StreamIT.await(dashboard, 5_000, s -> true);

      List<String> registrations = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        registrations.add(StreamIT.walkIn(i % 2 == 0 ? node1 : node2, event[2], "Visitor " + i));
      }
      List<String> tokens = new ArrayList<>();
      for (String id : registrations) {
        tokens.add(RegistrationIT.awaitTicket(volunteer, id).getString("ticket.token"));
      }
      StreamIT.await(
          dashboard,
          5_000,
          s -> s.getLong("registrations.total") == 8 && s.getLong("tickets.issued") == 8);

      long scanned = System.nanoTime(); // from the request's start: an upper bound
      Tickets.scan(node2, volunteer, tokens.get(0), UUID.fromString(gate), Tickets.newKey())
          .then()
          .statusCode(200)
          .body("outcome", equalTo("ADMITTED"));
      SseClient.Event seen = StreamIT.await(dashboard, 3_000, s -> s.getLong("entries.total") == 1);
      long millis = (seen.arrived() - scanned) / 1_000_000;
      System.out.println(
          "ClusterStatsIT: a scan on node 2 reached node 1's stream in " + millis + " ms");
      assertThat(millis).isLessThan(1_000);

      // A mixed run on both nodes: scans (one of them a repeat), cancellations, registrations.
      for (int i = 1; i <= 4; i++) {
        Tickets.scan(
                i % 2 == 0 ? node1 : node2,
                volunteer,
                tokens.get(i),
                UUID.fromString(gate),
                Tickets.newKey())
            .then()
            .statusCode(200)
            .body("outcome", equalTo("ADMITTED"));
      }
      Tickets.scan(node1, volunteer, tokens.get(1), UUID.fromString(gate), Tickets.newKey())
          .then()
          .statusCode(200)
          .body("outcome", equalTo("ALREADY_ADMITTED"));
      RestAssured.given()
          .baseUri(node1)
          .auth()
          .oauth2(admin)
          .delete("/api/registrations/" + registrations.get(6))
          .then()
          .statusCode(204);
      RestAssured.given()
          .baseUri(node2)
          .auth()
          .oauth2(admin)
          .delete("/api/registrations/" + registrations.get(7))
          .then()
          .statusCode(204);
      String late1 = StreamIT.walkIn(node2, event[2], "Late visitor 1");
      String late2 = StreamIT.walkIn(node1, event[2], "Late visitor 2");
      RegistrationIT.awaitTicket(volunteer, late1);
      RegistrationIT.awaitTicket(volunteer, late2);

      // The numbers before the cancellations (8 registrations, 8 tickets, 5 entries) are also the
      // numbers after them: wait for the stream to show the database's count, not for a shape.
      Map<String, Object> truth = truth(UUID.fromString(event[1]));
      assertThat(truth).containsEntry("pending", 0L).containsEntry("issued", 8L);
      StreamIT.await(dashboard, 10_000, s -> numbers(s).equals(truth));
      for (String node : List.of(node1, node2)) {
        JsonPath stats =
            RestAssured.given()
                .baseUri(node)
                .auth()
                .oauth2(admin)
                .queryParam("event", event[0])
                .get("/api/admin/stats")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(numbers(stats)).as(node).isEqualTo(truth);
      }
    }
  }

  /** The public list is kept in memory on each node; an admin's change on one is seen on all. */
  @Test
  void anEventMadeOnNodeOneIsListedAtOnceOnNodeTwo() throws Exception {
    ClusterFixture.ensureStarted();
    ClusterFixture.assertFormed();
    String node1 = ClusterFixture.http(1);
    String node2 = ClusterFixture.http(2);
    RestAssured.given().baseUri(node2).get("/api/events").then().statusCode(200);
    String slug = AdminIT.slug();
    Map<String, Object> event = AdminIT.event(slug);
    RestAssured.given()
        .baseUri(node1)
        .auth()
        .oauth2(Sessions.token(Sessions.ADMIN))
        .contentType("application/json")
        .body(event)
        .post("/api/admin/events")
        .then()
        .statusCode(201);
    // The signal is written after node 1's commit, asynchronously: a moment, not the 2 s expiry.
    long made = System.nanoTime();
    while (!RestAssured.given()
        .baseUri(node2)
        .get("/api/events")
        .jsonPath()
        .getList("slug", String.class)
        .contains(slug)) {
      assertThat((System.nanoTime() - made) / 1_000_000).isLessThan(1_000);
      Thread.sleep(20);
    }
  }

  private static Map<String, Object> numbers(JsonPath stats) {
    Map<String, Object> numbers = new HashMap<>();
    numbers.put("registrations", stats.getLong("registrations.total"));
    numbers.put("people", stats.getLong("registrations.people"));
    numbers.put("volunteer", stats.getLong("registrations.byChannel.VOLUNTEER"));
    numbers.put("pending", stats.getLong("tickets.pending"));
    numbers.put("issued", stats.getLong("tickets.issued"));
    numbers.put("entries", stats.getLong("entries.total"));
    numbers.put("inside", stats.getLong("entries.people"));
    numbers.put("gate", stats.getLong("entries.byGate[0].count"));
    return numbers;
  }

  /** The same numbers, counted by the test itself in the database. */
  private static Map<String, Object> truth(UUID eventId) throws Exception {
    try (Connection db = TestServer.database();
        PreparedStatement query =
            db.prepareStatement(
                "select"
                    + " (select count(*) from registration r join slot s on s.id = r.slot_id"
                    + "   where s.event_id = ? and r.status <> 'CANCELLED'),"
                    + " (select sum(party_size) from registration r join slot s on s.id = r.slot_id"
                    + "   where s.event_id = ? and r.status <> 'CANCELLED'),"
                    + " (select count(*) from registration r join slot s on s.id = r.slot_id"
                    + "   where s.event_id = ? and r.status = 'PENDING'),"
                    + " (select count(*) from registration r join slot s on s.id = r.slot_id"
                    + "   where s.event_id = ? and r.status = 'TICKETED'),"
                    + " (select count(*) from admission where event_id = ?),"
                    + " (select sum(party_size) from admission where event_id = ?)")) {
      for (int i = 1; i <= 6; i++) {
        query.setObject(i, eventId);
      }
      try (ResultSet row = query.executeQuery()) {
        row.next();
        Map<String, Object> truth = new HashMap<>();
        truth.put("registrations", row.getLong(1));
        truth.put("people", row.getLong(2));
        truth.put("volunteer", row.getLong(1));
        truth.put("pending", row.getLong(3));
        truth.put("issued", row.getLong(4));
        truth.put("entries", row.getLong(5));
        truth.put("inside", row.getLong(6));
        truth.put("gate", row.getLong(5));
        return truth;
      }
    }
  }
}
