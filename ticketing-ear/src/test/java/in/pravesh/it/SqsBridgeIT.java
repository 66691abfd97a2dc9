package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import in.pravesh.sqs.LocalSqs;
import io.restassured.RestAssured;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SQS bridge, on the shared two-node cluster, whose nodes relay their jobs to ElasticMQ and
 * take them back from it (ClusterFixture): every job acts once, through SQS, when many flow, when
 * SQS is away for a while, when a job fails every time (it ends in the dead-letter queue, which the
 * admin sees and replays) and when a job outlasts its visibility timeout and is received twice.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SqsBridgeIT {

  @BeforeAll
  static void cluster() throws Exception {
    ClusterFixture.ensureStarted();
  }

  /** Registers one visitor {@code n} times (a slot each), alternating between the nodes. */
  static List<String> register(int n, String name) throws Exception {
    String visitor = Sessions.token(Sessions.newPhone());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> made = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        UUID slot = TestSlots.create(10, 0);
        String node = ClusterFixture.http(1 + i % 2);
        made.add(
            pool.submit(
                () ->
                    RegistrationIT.register(node, visitor, slot, 1, name, null)
                        .then()
                        .statusCode(202)
                        .extract()
                        .<String>path("registrationId")));
      }
      List<String> ids = new ArrayList<>();
      for (Future<String> id : made) {
        ids.add(id.get());
      }
      return ids;
    } finally {
      pool.shutdown();
    }
  }

  /** Waits until every one of these registrations has its ticket and its ticket message. */
  static void awaitTicketsAndMessages(List<String> ids, long seconds) throws Exception {
    long deadline = System.currentTimeMillis() + seconds * 1_000;
    long[] done;
    do {
      done = ticketsAndMessages(ids);
      if (done[0] == ids.size() && done[1] == ids.size()) {
        return;
      }
      Thread.sleep(500);
    } while (System.currentTimeMillis() < deadline);
    throw new AssertionError(
        "after "
            + seconds
            + " s: "
            + done[0]
            + " of "
            + ids.size()
            + " ticketed, "
            + done[1]
            + " ticket messages; node 1 log:\n"
            + ClusterFixture.logTail(1));
  }

  /** How many of these registrations are TICKETED, and how many ticket messages they have. */
  static long[] ticketsAndMessages(List<String> ids) throws Exception {
    try (Connection db = TestServer.database();
        PreparedStatement query =
            db.prepareStatement(
                "select (select count(*) from registration where id = any(?) and status ="
                    + " 'TICKETED'), (select count(*) from message where kind = 'ticket' and"
                    + " registration_id = any(?))")) {
      Array array = db.createArrayOf("uuid", ids.toArray());
      query.setArray(1, array);
      query.setArray(2, array);
      ResultSet row = query.executeQuery();
      row.next();
      return new long[] {row.getLong(1), row.getLong(2)};
    }
  }

  /** Each registration has exactly one ticket and exactly one ticket message. */
  static void assertOnceEach(List<String> ids) throws Exception {
    try (Connection db = TestServer.database();
        PreparedStatement query =
            db.prepareStatement(
                "select r.id, (select count(*) from ticket t where t.registration_id = r.id),"
                    + " (select count(*) from message m where m.kind = 'ticket' and"
                    + " m.registration_id = r.id) from registration r where r.id = any(?)")) {
      query.setArray(1, db.createArrayOf("uuid", ids.toArray()));
      ResultSet rows = query.executeQuery();
      int seen = 0;
      while (rows.next()) {
        seen++;
        assertThat(rows.getInt(2)).as("tickets of " + rows.getString(1)).isEqualTo(1);
        assertThat(rows.getInt(3)).as("ticket messages of " + rows.getString(1)).isEqualTo(1);
      }
      assertThat(seen).isEqualTo(ids.size());
    }
  }

  /** A bridge metric summed over both nodes. */
  static double bridged(String name, String queue) {
    String label = "queue=\"" + queue + "\"";
    return Metrics.value(ClusterFixture.management(1), name, label)
        + Metrics.value(ClusterFixture.management(2), name, label);
  }

  /** The data of a node's {@code sqs-bridge} health check. */
  static Map<String, Object> bridgeHealth(int node) {
    return RestAssured.given()
        .baseUri(ClusterFixture.management(node))
        .get("/health/ready")
        .then()
        .extract()
        .jsonPath()
        .getMap("checks.find { it.name == 'sqs-bridge' }.data");
  }

  static String sqsState(int node) {
    return String.valueOf(bridgeHealth(node).get("sqs"));
  }

  static long waiting(int node) {
    Object waiting = bridgeHealth(node).get("waiting");
    if (waiting == null) {
      throw new AssertionError("node " + node + ": no bridge health: " + bridgeHealth(node));
    }
    return ((Number) waiting).longValue();
  }

  /** Waits until the bridge has nothing in hand: no job waits in Artemis or SQS, none in flight. */
  static void awaitIdle() throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      boolean idle = true;
      try (var sqs = ClusterFixture.sqs().client()) {
        for (String name : List.of(LocalSqs.TICKETS, LocalSqs.NOTIFICATIONS)) {
          String url = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
          var counts =
              sqs.getQueueAttributes(
                      r ->
                          r.queueUrl(url)
                              .attributeNamesWithStrings(
                                  "ApproximateNumberOfMessages",
                                  "ApproximateNumberOfMessagesNotVisible"))
                  .attributesAsStrings();
          idle &= "0".equals(counts.get("ApproximateNumberOfMessages"));
          idle &= "0".equals(counts.get("ApproximateNumberOfMessagesNotVisible"));
        }
      }
      for (int node = 1; node <= 2; node++) {
        idle &= waiting(node) == 0;
      }
      if (idle) {
        return;
      }
      Thread.sleep(1_000);
    }
    throw new AssertionError("the bridge did not become idle within a minute");
  }

  @Test
  void fiveHundredRegistrationsAreEachTicketedAndMessagedOnceThroughSqs() throws Exception {
    awaitIdle();
    double[] before = bridgeCounts();

    List<String> ids = register(500, "Bridge Visitor");
    awaitTicketsAndMessages(ids, 180);
    awaitIdle();

    assertOnceEach(ids);
    double[] after = bridgeCounts();
    // Through SQS, every relay reached a consumer exactly once for the first time: nothing relayed
    // was lost on the way, and no message was delivered twice for the first time. (A job the relay
    // sent twice would count twice in "relayed" as well, so that this cannot see; on the FIFO queue
    // SQS drops such a second send by its deduplication id, and the handlers absorb it anyway.)
    // Receives after the first (a visibility timeout that ran out while a busy machine worked on
    // the batch, or a failed run) count as retries and are allowed: the handlers absorb them, and
    // assertOnceEach above checks what the visitor gets.
    for (int queue = 0; queue < 2; queue++) {
      String name = queue == 0 ? "ticket" : "message";
      double relayed = after[queue * 4] - before[queue * 4];
      double consumed = after[queue * 4 + 1] - before[queue * 4 + 1];
      double received = after[queue * 4 + 2] - before[queue * 4 + 2];
      double retried = after[queue * 4 + 3] - before[queue * 4 + 3];
      assertThat(relayed).as(name + " jobs relayed").isGreaterThanOrEqualTo(500);
      assertThat(received - retried)
          .as(
              name
                  + " jobs received for the first time (received "
                  + received
                  + ", retried "
                  + retried
                  + ", consumed "
                  + consumed
                  + ")")
          .isEqualTo(relayed);
      assertThat(consumed).as(name + " jobs consumed").isGreaterThanOrEqualTo(relayed);
    }
    for (int node = 1; node <= 2; node++) {
      assertThat(bridgeHealth(node).get("bridge")).isEqualTo("ON");
    }
  }

  /** Relayed, consumed, received and retried ticket jobs, then the same for message jobs. */
  private static double[] bridgeCounts() {
    double[] counts = new double[8];
    int i = 0;
    for (String queue : List.of("tickets", "notifications")) {
      for (String counter : List.of("relayed", "consumed", "received", "retried")) {
        counts[i++] = bridged("pravesh_jobs_bridge_" + counter + "_total", queue);
      }
    }
    return counts;
  }

  @Test
  void jobsWaitInArtemisWhileSqsIsDownAndFlowOnceWhenItIsBack() throws Exception {
    awaitIdle();
    ClusterFixture.sqs().stop();
    List<String> ids;
    try {
      ids = register(50, "Outage Visitor");
      // The registrations were taken; their jobs wait on the nodes, and the health check says so.
      long deadline = System.currentTimeMillis() + 30_000;
      long waiting = 0;
      while (System.currentTimeMillis() < deadline) {
        waiting = 0;
        boolean unreachable = true;
        for (int node = 1; node <= 2; node++) {
          unreachable &= "UNREACHABLE".equals(sqsState(node));
          waiting += waiting(node);
        }
        if (unreachable && waiting > 0) {
          break;
        }
        Thread.sleep(500);
      }
      assertThat(waiting).as("jobs waiting in Artemis while SQS is down").isPositive();
      for (int node = 1; node <= 2; node++) {
        assertThat(sqsState(node)).isEqualTo("UNREACHABLE");
      }
      assertThat(ticketsAndMessages(ids)[0]).as("ticketed while SQS is down").isZero();
    } finally {
      ClusterFixture.sqs().start();
    }
    awaitTicketsAndMessages(ids, 90);
    assertOnceEach(ids);
    for (int node = 1; node <= 2; node++) {
      int n = node;
      Eventually.holds(() -> assertThat(sqsState(n)).isEqualTo("REACHABLE"));
    }
  }

  @Test
  void aJobThatAlwaysFailsEndsInTheDeadLetterQueueWhereTheAdminSeesAndReplaysIt() throws Exception {
    String admin = Sessions.token(Sessions.ADMIN);
    double deadBefore = bridged("pravesh_jobs_bridge_dead_lettered_total", "tickets");
    String id = register(1, "FAIL-TICKET-JOB").get(0);

    // Three receives (the queue's redrive limit), 1 s and 2 s apart, then SQS moves it.
    String deadId = null;
    long deadline = System.currentTimeMillis() + 60_000;
    while (deadId == null && System.currentTimeMillis() < deadline) {
      List<Map<String, Object>> dead =
          RestAssured.given()
              .baseUri(ClusterFixture.http(1))
              .auth()
              .oauth2(admin)
              .get("/api/admin/jobs/dead")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("$");
      deadId =
          dead.stream()
              .filter(job -> id.equals(job.get("payload")))
              .peek(
                  job -> {
                    assertThat(job.get("queue")).isEqualTo("sqs:" + LocalSqs.TICKETS);
                    assertThat(job.get("kind")).isEqualTo("ticket.issue");
                  })
              .map(job -> (String) job.get("id"))
              .findFirst()
              .orElse(null);
      if (deadId == null) {
        Thread.sleep(1_000);
      }
    }
    assertThat(deadId).as("the job in the SQS dead-letter queue, listed for the admin").isNotNull();
    assertThat(bridged("pravesh_jobs_bridge_dead_lettered_total", "tickets") - deadBefore)
        .isEqualTo(1);
    assertThat(ticketsAndMessages(List.of(id))[0]).isZero();

    // The cause is fixed, then the admin replays it, on the other node.
    try (var db = TestServer.database();
        var fix =
            db.prepareStatement("update registration set name = 'Fixed' where id = ?::uuid")) {
      fix.setString(1, id);
      fix.executeUpdate();
    }
    RestAssured.given()
        .baseUri(ClusterFixture.http(2))
        .auth()
        .oauth2(admin)
        .post("/api/admin/jobs/dead/" + deadId + "/replay")
        .then()
        .statusCode(202);
    awaitTicketsAndMessages(List.of(id), 30);
    assertOnceEach(List.of(id));
    RestAssured.given()
        .baseUri(ClusterFixture.http(1))
        .auth()
        .oauth2(admin)
        .post("/api/admin/jobs/dead/" + deadId + "/replay")
        .then()
        .statusCode(404);
  }

  @Test
  void aJobReceivedAgainWhileItsFirstRunIsStillWorkingActsOnce() throws Exception {
    double retriedBefore = bridged("pravesh_jobs_bridge_retried_total", "tickets");
    // Its first run waits 10 s before it starts: the 6 s visibility timeout runs out meanwhile,
    // and SQS hands the job to another consumer, which makes the ticket.
    String id = register(1, "SLOW-TICKET-JOB").get(0);

    awaitTicketsAndMessages(List.of(id), 30);
    assertThat(bridged("pravesh_jobs_bridge_retried_total", "tickets") - retriedBefore)
        .as("the job was received a second time")
        .isGreaterThanOrEqualTo(1);
    // The first run finishes after the second: it finds the ticket made, and nothing more is sent.
    Thread.sleep(8_000);
    assertOnceEach(List.of(id));
  }
}
