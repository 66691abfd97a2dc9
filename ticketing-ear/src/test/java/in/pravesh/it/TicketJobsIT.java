package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ticket job pipeline: a failing job is redelivered, then parked in DeadJobs, then replayed by
 * an admin and issued once; a registration that rolls back leaves no job behind. (Development mode
 * has a name that makes the ticket job fail, and one that makes the registration roll back after
 * its job was sent; the test server allows 3 deliveries.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TicketJobsIT {

  private static Map<String, Object> body(UUID slot, String name) {
    return Map.of("slotId", slot.toString(), "name", name, "partySize", 1, "consent", true);
  }

  @Test
  void aFailingJobEndsInTheDeadLetterQueueAndAReplayIssuesItOnce() throws Exception {
    String token = Sessions.token(Sessions.newPhone());
    String admin = Sessions.token(Sessions.ADMIN);
    String id =
        TestServer.api()
            .auth()
            .oauth2(token)
            .contentType("application/json")
            .body(body(TestSlots.create(10, 0), "FAIL-TICKET-JOB"))
            .post("/api/registrations")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getString("registrationId");

    String deadId = awaitDeadJob(admin, id);
    TestServer.api()
        .auth()
        .oauth2(token)
        .get("/api/registrations/" + id)
        .then()
        .body("status", equalTo("PENDING"));

    // The cause is fixed, then the job is replayed.
    try (var db = TestServer.database();
        var fix =
            db.prepareStatement("update registration set name = 'Fixed' where id = ?::uuid")) {
      fix.setString(1, id);
      fix.executeUpdate();
    }
    TestServer.api()
        .auth()
        .oauth2(admin)
        .post("/api/admin/jobs/dead/" + deadId + "/replay")
        .then()
        .statusCode(202);

    RegistrationIT.awaitTicket(token, id);
    try (var db = TestServer.database();
        var count =
            db.prepareStatement("select count(*) from ticket where registration_id = ?::uuid")) {
      count.setString(1, id);
      var row = count.executeQuery();
      row.next();
      assertThat(row.getInt(1)).isEqualTo(1);
    }
    List<String> payloads =
        TestServer.api()
            .auth()
            .oauth2(admin)
            .get("/api/admin/jobs/dead")
            .jsonPath()
            .getList("payload");
    assertThat(payloads).doesNotContain(id);
    TestServer.api()
        .auth()
        .oauth2(admin)
        .post("/api/admin/jobs/dead/" + deadId + "/replay")
        .then()
        .statusCode(404);
  }

  @Test
  void aRegistrationThatRollsBackLeavesNoRowAndNoJob() throws Exception {
    String token = Sessions.token(Sessions.newPhone());
    UUID slot = TestSlots.create(10, 0);
    double orphansBefore = orphanedJobs();

    TestServer.api()
        .auth()
        .oauth2(token)
        .contentType("application/json")
        .body(body(slot, "ROLLBACK-AFTER-JOB"))
        .post("/api/registrations")
        .then()
        .statusCode(500)
        .contentType("application/problem+json");

    assertThat(TestSlots.onlineTaken(slot)).isZero();
    try (var db = TestServer.database();
        var count = db.prepareStatement("select count(*) from registration where slot_id = ?")) {
      count.setObject(1, slot);
      var row = count.executeQuery();
      row.next();
      assertThat(row.getInt(1)).isZero();
    }
    // Had the job escaped the rollback, the ticket MDB would count it as orphaned within moments.
    Thread.sleep(2_000);
    assertThat(orphanedJobs()).isEqualTo(orphansBefore);
    // The counters are read right: tickets were issued in this run, and the metric shows them.
    assertThat(counter("pravesh_tickets_issued")).isPositive();
  }

  private static double orphanedJobs() {
    return counter("pravesh_ticket_jobs_orphaned");
  }

  private static double counter(String name) {
    String metrics = TestServer.management().get("/metrics").asString();
    Matcher matcher =
        Pattern.compile("(?m)^" + name + "_total\\{[^}]*\\} ([0-9.eE+-]+)$").matcher(metrics);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }

  static String awaitDeadJob(String admin, String registrationId) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      List<Map<String, Object>> dead =
          TestServer.api().auth().oauth2(admin).get("/api/admin/jobs/dead").jsonPath().getList("$");
      for (Map<String, Object> job : dead) {
        if (registrationId.equals(job.get("payload"))) {
          assertThat(job.get("kind")).isEqualTo("ticket.issue");
          return (String) job.get("id");
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("ticket job of " + registrationId + " not in the dead-letter queue");
  }
}
