package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Entry on a two-node cluster started by scripts/cluster.sh (shared with ZzClusterFaultIT): the
 * nodes form one cluster, a ticket scanned many times at once on both nodes gets in once, and the
 * limits of the Identity issue hold across nodes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClusterEntryIT {

  private static UUID gate;
  private static String volunteer;

  @BeforeAll
  static void cluster() throws Exception {
    ClusterFixture.ensureStarted();
    gate = TestSlots.gate("Cluster gate");
    volunteer = Sessions.token(Sessions.VOLUNTEER);
  }

  @Test
  void theTwoNodesFormOneClusterAndShareTheirCaches() {
    ClusterFixture.assertFormed();
    // A value put on one node is read on the other: an answer kept for an Idempotency-Key on
    // node 1 is replayed by node 2.
    String key = Tickets.newKey();
    Map<String, String> body = Map.of("code", "NONE-XIST", "gateId", gate.toString());
    Response first = Tickets.post(ClusterFixture.http(1), volunteer, body, key);
    Response second = Tickets.post(ClusterFixture.http(2), volunteer, body, key);
    first.then().statusCode(200).body("outcome", equalTo("INVALID"));
    second.then().statusCode(200).header("Idempotent-Replayed", "true");
    assertThat(second.jsonPath().getMap("$")).isEqualTo(first.jsonPath().getMap("$"));
  }

  @Test
  void twoHundredTicketsScannedTenTimesAtOnceOnBothNodesAreEachAdmittedOnce() throws Exception {
    List<Tickets.Issued> tickets = Tickets.issueMany(200);
    double hitsBefore = cacheHits();
    List<ScanStorm.Shot> shots = new ArrayList<>();
    for (Tickets.Issued ticket : tickets) {
      for (int i = 0; i < 10; i++) {
        int node = 1 + i % 2;
        shots.add(new ScanStorm.Shot(node, ClusterFixture.http(node), ticket, Tickets.newKey()));
      }
    }
    List<ScanStorm.Result> results = new ScanStorm(volunteer, gate).fire(shots, 40, 0, 0);

    assertThat(results).hasSize(2_000);
    assertThat(results)
        .as("every scan answered 200")
        .allSatisfy(r -> assertThat(r.status()).as(r.error()).isEqualTo(200));
    Map<String, Long> admittedPerTicket =
        results.stream()
            .filter(r -> "ADMITTED".equals(r.outcome()))
            .collect(Collectors.groupingBy(r -> r.shot().ticket().id(), Collectors.counting()));
    assertThat(admittedPerTicket).hasSize(200);
    assertThat(admittedPerTicket.values()).containsOnly(1L);
    assertThat(results)
        .filteredOn(r -> !"ADMITTED".equals(r.outcome()))
        .extracting(ScanStorm.Result::outcome)
        .containsOnly("ALREADY_ADMITTED");
    assertThat(admissions(tickets)).isEqualTo(200);
    assertThat(cacheHits() - hitsBefore).as("duplicates answered by the cache").isPositive();
  }

  @Test
  void occupancyEqualsTheDatabasesCountAfterAMixedStormOnBothNodes() throws Exception {
    String slug = "it-cluster-occupancy-" + UUID.randomUUID().toString().substring(0, 8);
    UUID slot = TestSlots.createIn(slug, 1_000);
    List<UUID> gates = List.of(TestSlots.gateIn(slug, "North"), TestSlots.gateIn(slug, "South"));
    List<Tickets.Issued> tickets = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      tickets.add(Tickets.issue(slot));
    }
    // Each ticket: 8 scans in, out, in, ... each sent twice at once (to each node), all tickets
    // at the same time: moves of one ticket race each other on both nodes.
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(10);
    java.util.concurrent.ExecutorService sends =
        java.util.concurrent.Executors.newFixedThreadPool(20);
    List<java.util.concurrent.Future<List<String>>> runs = new ArrayList<>();
    for (Tickets.Issued ticket : tickets) {
      runs.add(
          pool.submit(
              () -> {
                List<String> outcomes = new ArrayList<>();
                for (int move = 0; move < 8; move++) {
                  Map<String, String> body =
                      Map.of(
                          "token", ticket.token(),
                          "gateId", gates.get(move % 2).toString(),
                          "direction", move % 2 == 0 ? "IN" : "OUT");
                  List<java.util.concurrent.Future<Response>> twice = new ArrayList<>();
                  for (int node = 1; node <= 2; node++) {
                    String base = ClusterFixture.http(node);
                    twice.add(
                        sends.submit(() -> Tickets.post(base, volunteer, body, Tickets.newKey())));
                  }
                  for (var answer : twice) {
                    Response response = answer.get();
                    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
                    outcomes.add(response.jsonPath().getString("outcome"));
                  }
                }
                return outcomes;
              }));
    }
    Map<String, Long> answered = new java.util.TreeMap<>();
    for (var run : runs) {
      for (String outcome : run.get(2, java.util.concurrent.TimeUnit.MINUTES)) {
        answered.merge(outcome, 1L, Long::sum);
      }
    }
    pool.shutdown();
    sends.shutdown();
    long moves = answered.getOrDefault("EXITED", 0L) + answered.getOrDefault("READMITTED", 0L);
    assertThat(answered.get("ADMITTED")).as(answered.toString()).isEqualTo(30L);
    assertThat(moves).as(answered.toString()).isPositive();
    try (Connection db = TestServer.database();
        PreparedStatement query =
            db.prepareStatement(
                "select coalesce(sum(a.party_size) filter (where a.inside), 0),"
                    + " coalesce(sum(a.moves), 0), (select o.inside from occupancy o"
                    + " where o.event_id = e.id), (select sum(f.people_in) - sum(f.people_out)"
                    + " from gate_flow f where f.event_id = e.id) from event e"
                    + " left join admission a on a.event_id = e.id where e.slug = ?"
                    + " group by e.id")) {
      query.setString(1, slug);
      var row = query.executeQuery();
      row.next();
      int insideByTickets = row.getInt(1);
      // Every move answered is one in the database: none twice, none lost.
      assertThat(row.getLong(2)).as(answered.toString()).isEqualTo(moves);
      assertThat(row.getInt(3)).as("the kept count").isEqualTo(insideByTickets);
      assertThat(row.getInt(4)).as("in less out, by gate").isEqualTo(insideByTickets);
      // Each node's API answers the same count.
      String admin = Sessions.token(Sessions.ADMIN);
      for (int node = 1; node <= 2; node++) {
        RestAssured.given()
            .baseUri(ClusterFixture.http(node))
            .auth()
            .oauth2(admin)
            .get("/api/admin/occupancy?event=" + slug)
            .then()
            .statusCode(200)
            .body("inside", equalTo(insideByTickets));
      }
    }
  }

  @Test
  void theIdentityLimitsHoldAcrossNodes() {
    String phone = Sessions.newPhone();
    int[] nodes = {1, 2, 1};
    for (int node : nodes) {
      otp(node, phone).then().statusCode(202);
    }
    // Three codes per phone per ten minutes, counted once for the whole cluster.
    otp(2, phone).then().statusCode(429).body("type", equalTo("urn:pravesh:problem:rate-limited"));
    otp(1, phone).then().statusCode(429);
  }

  private static Response otp(int node, String phone) {
    return RestAssured.given()
        .baseUri(ClusterFixture.http(node))
        .contentType("application/json")
        .body(Map.of("phone", phone))
        .post("/api/auth/otp");
  }

  static double cacheHits() {
    return Metrics.value(ClusterFixture.management(1), "pravesh_entry_cache_hits_total")
        + Metrics.value(ClusterFixture.management(2), "pravesh_entry_cache_hits_total");
  }

  static int admissions(List<Tickets.Issued> tickets) throws Exception {
    try (Connection db = TestServer.database();
        PreparedStatement query =
            db.prepareStatement("select count(*) from admission where ticket_id = any (?)")) {
      query.setArray(
          1,
          db.createArrayOf(
              "varchar", tickets.stream().map(Tickets.Issued::id).toArray(String[]::new)));
      var rows = query.executeQuery();
      rows.next();
      return rows.getInt(1);
    }
  }
}
