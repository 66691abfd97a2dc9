package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hourly message budgets: login codes over theirs are refused (503 try-again) with the alert in
 * health and metrics, while tickets, which have their own budget, still go out; a ticket over its
 * budget waits for the next hour instead of failing. A budget is used up here by setting this
 * hour's count in the database, then put back.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MessageCapIT {

  private static AutoCloseable budgetUsedUp(String budget) throws Exception {
    Connection db = TestServer.database();
    try (PreparedStatement fill =
        db.prepareStatement(
            "insert into message_budget (budget, hour, used)"
                + " values (?, date_trunc('hour', now()), 1000000)"
                + " on conflict (budget, hour) do update set used = message_budget.used + 1000000")) {
      fill.setString(1, budget);
      fill.executeUpdate();
    }
    return () -> {
      try (db;
          PreparedStatement restore =
              db.prepareStatement(
                  "update message_budget set used = used - 1000000"
                      + " where budget = ? and used >= 1000000")) {
        restore.setString(1, budget);
        restore.executeUpdate();
      }
    };
  }

  @Test
  void aFloodOfLoginCodesCannotStopTickets() throws Exception {
    String visitor = Sessions.token(Sessions.newPhone());
    String flooder = "198.51.100." + (1 + (int) (Math.random() * 250));
    try (AutoCloseable loginBudget = budgetUsedUp("login")) {
      for (int i = 0; i < 20; i++) {
        TestServer.api()
            .header("X-Forwarded-For", flooder)
            .contentType("application/json")
            .body(Map.of("phone", Sessions.newPhone()))
            .post("/api/auth/otp")
            .then()
            .statusCode(503)
            .contentType("application/problem+json")
            .body("type", equalTo("urn:pravesh:problem:try-again"));
      }
      TestServer.management()
          .get("/health/ready")
          .then()
          .statusCode(200)
          .body("checks.find { it.name == 'messaging' }.status", equalTo("UP"))
          .body("checks.find { it.name == 'messaging' }.data.capReached", equalTo(true));
      TestServer.management()
          .get("/metrics")
          .then()
          .body(org.hamcrest.Matchers.containsString("pravesh_messages_refused_by_cap"));

      String id = ticketed(visitor);
      awaitTicketMessage(id, "SENT");
    }
    Sessions.requestOtp(Sessions.newPhone()).then().statusCode(202);
  }

  @Test
  void aTicketOverItsBudgetWaitsForTheNextHourInsteadOfFailing() throws Exception {
    String visitor = Sessions.token(Sessions.newPhone());
    try (AutoCloseable ticketBudget = budgetUsedUp("ticket")) {
      String id = ticketed(visitor);
      awaitTicketMessage(id, "QUEUED");
      assertThat(
              ScanIT.count(
                  "select count(*) from message where registration_id = ?::uuid"
                      + " and next_attempt_at >= date_trunc('hour', now()) + interval '1 hour'"
                      + " and last_error like 'over the ticket budget%'",
                  id))
          .as("parked until the next hour")
          .isEqualTo(1);
    }
  }

  /** A registration of the visitor (logged in already) that has its ticket. */
  private static String ticketed(String visitor) throws Exception {
    String id =
        RegistrationIT.register(visitor, TestSlots.create(10, 0), 1, null)
            .jsonPath()
            .getString("registrationId");
    RegistrationIT.awaitTicket(visitor, id);
    return id;
  }

  private static void awaitTicketMessage(String registrationId, String state) throws Exception {
    String query =
        "select count(*) from message where kind = 'ticket' and registration_id = ?::uuid"
            + " and state = '"
            + state
            + "'";
    long deadline = System.currentTimeMillis() + 15_000;
    while (ScanIT.count(query, registrationId) == 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertThat(ScanIT.count(query, registrationId))
        .as("a " + state + " ticket message")
        .isEqualTo(1);
  }
}
