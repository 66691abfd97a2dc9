package in.pravesh.it;

import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The global cap on messages per hour stops sending (503 try-again) and shows in health and
 * metrics. The hour's messages are made in the database directly, then removed again.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MessageCapIT {

  private static final String FILLER = "cap-test-filler";

  @Test
  void reachingTheCapStopsSendingAndRaisesTheAlert() throws Exception {
    try (Connection db = TestServer.database()) {
      try (PreparedStatement fill =
          db.prepareStatement(
              "insert into message (id, kind, channel, recipient, body, state, provider)"
                  + " select gen_random_uuid(), ?, 'sms', '+919999999999', 'x', 'SENT', 'outbox'"
                  + " from generate_series(1, 5000)")) {
        fill.setString(1, FILLER);
        fill.executeUpdate();
      }
      try {
        Sessions.requestOtp(Sessions.newPhone())
            .then()
            .statusCode(503)
            .contentType("application/problem+json")
            .body("type", equalTo("urn:pravesh:problem:try-again"));
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
      } finally {
        try (PreparedStatement clean = db.prepareStatement("delete from message where kind = ?")) {
          clean.setString(1, FILLER);
          clean.executeUpdate();
        }
      }
    }

    Sessions.requestOtp(Sessions.newPhone()).then().statusCode(202);
  }
}
