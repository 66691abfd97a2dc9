package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Twilio's delivery reports: signed with the auth token (the development one here) over the public
 * URL and the sorted form parameters, as Twilio documents; anything unsigned is refused with 403
 * before it is read.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeliveryReportIT {

  static final String URL = "http://localhost:8080/api/twilio/status";

  private static String signature(Map<String, String> parameters, String token) throws Exception {
    return signature(URL, parameters, token);
  }

  /** Twilio's signature: HMAC-SHA1 of the URL it called and the sorted form parameters. */
  static String signature(String url, Map<String, String> parameters, String token)
      throws Exception {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(parameters).forEach((name, value) -> data.append(name).append(value));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder()
        .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static String insertSentMessage() throws Exception {
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    try (Connection db = TestServer.database();
        PreparedStatement insert =
            db.prepareStatement(
                "insert into message (id, kind, channel, recipient, body, state, provider,"
                    + " provider_id) values (gen_random_uuid(), 'reminder', 'sms', '+919812345678',"
                    + " 'x', 'SENT', 'twilio', ?)")) {
      insert.setString(1, sid);
      insert.executeUpdate();
    }
    return sid;
  }

  /**
   * A report signed as Twilio signs it, posted to the status URL with {@code query} ("?mid=...").
   */
  static io.restassured.response.Response signedReport(String query, Map<String, String> report)
      throws Exception {
    return TestServer.api()
        .header("X-Twilio-Signature", signature(URL + query, report, "dev-twilio-token"))
        .formParams(report)
        .post("/api/twilio/status" + query);
  }

  private static String state(String sid) throws Exception {
    try (Connection db = TestServer.database();
        PreparedStatement query =
            db.prepareStatement("select state from message where provider_id = ?")) {
      query.setString(1, sid);
      var row = query.executeQuery();
      row.next();
      return row.getString(1);
    }
  }

  @Test
  void aSignedReportUpdatesTheMessage() throws Exception {
    String sid = insertSentMessage();
    Map<String, String> report =
        Map.of("MessageSid", sid, "MessageStatus", "delivered", "AccountSid", "AC123");

    signedReport("", report).then().statusCode(204);

    assertThat(state(sid)).isEqualTo("DELIVERED");
  }

  @Test
  void lateAndRepeatedReportsNeitherGoBackNorFallBackTwice() throws Exception {
    Tickets.Issued ticket = Tickets.issue(TestSlots.create(10, 0));
    String smsTickets =
        "select count(*) from message where kind = 'ticket' and channel = 'sms'"
            + " and registration_id = ?::uuid";
    // The ticket's own message follows the ticket (a job of its own): counted once it is there,
    // so that it is not taken for the fallback.
    long sent = System.currentTimeMillis() + 10_000;
    while (ScanIT.count(
                "select count(*) from message where kind = 'ticket' and registration_id = ?::uuid",
                ticket.registrationId())
            == 0
        && System.currentTimeMillis() < sent) {
      Thread.sleep(100);
    }
    int before = ScanIT.count(smsTickets, ticket.registrationId());
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    try (Connection db = TestServer.database();
        PreparedStatement insert =
            db.prepareStatement(
                "insert into message (id, kind, channel, recipient, body, state, provider,"
                    + " provider_id, registration_id) select gen_random_uuid(), 'ticket',"
                    + " 'whatsapp', phone, 'x', 'SENT', 'twilio', ?, id from registration"
                    + " where id = ?::uuid")) {
      insert.setString(1, sid);
      insert.setString(2, ticket.registrationId());
      insert.executeUpdate();
    }

    for (String status : List.of("failed", "sent", "failed", "undelivered")) {
      signedReport("", Map.of("MessageSid", sid, "MessageStatus", status)).then().statusCode(204);
    }

    assertThat(state(sid)).isEqualTo("FAILED");
    long deadline = System.currentTimeMillis() + 10_000;
    while (ScanIT.count(smsTickets, ticket.registrationId()) == before
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    Thread.sleep(2_000);
    assertThat(ScanIT.count(smsTickets, ticket.registrationId()))
        .as("one SMS in place of the failed WhatsApp message")
        .isEqualTo(before + 1);
  }

  @Test
  void unsignedOrMissignedReportsAreRefusedAndChangeNothing() throws Exception {
    String sid = insertSentMessage();
    Map<String, String> report = Map.of("MessageSid", sid, "MessageStatus", "failed");

    TestServer.api()
        .formParams(report)
        .post("/api/twilio/status")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:pravesh:problem:forbidden"));
    TestServer.api()
        .header("X-Twilio-Signature", signature(report, "another-token"))
        .formParams(report)
        .post("/api/twilio/status")
        .then()
        .statusCode(403);

    assertThat(state(sid)).isEqualTo("SENT");
  }
}
