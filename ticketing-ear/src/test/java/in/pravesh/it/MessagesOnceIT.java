package in.pravesh.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A ticket message is sent once: when its notify job is delivered twice, and when Twilio takes it
 * but answers after our timeout (counted on the Twilio stand-in). The timed-out message waits for
 * Twilio's report, which names it by our id.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MessagesOnceIT {

  private static WireMockServer twilio;

  @BeforeAll
  static void start() {
    twilio = TwilioStandIn.start();
  }

  private static List<String> ticketMessagesTo(String phone) {
    return TwilioStandIn.sentTo(twilio, phone).stream()
        .filter(body -> body.contains("Pravesh ticket"))
        .toList();
  }

  private static String register(String phone, String name) throws Exception {
    String token = TwilioStandIn.login(twilio, phone);
    String id =
        RegistrationIT.register(TestServer.HTTP, token, TestSlots.create(10, 0), 1, name, null)
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getString("registrationId");
    RegistrationIT.awaitTicket(token, id);
    return id;
  }

  @Test
  void aNotifyJobDeliveredTwiceSendsOneMessage() throws Exception {
    String phone = TwilioStandIn.phone();
    String registration = register(phone, "DELIVER-TWICE");

    Thread.sleep(3_000);
    assertThat(ticketMessagesTo(phone)).hasSize(1);
    assertThat(
            ScanIT.count(
                "select count(*) from message where kind = 'ticket' and registration_id = ?::uuid",
                registration))
        .isEqualTo(1);
  }

  @Test
  void aTimeoutAfterTwilioTookTheMessageSendsItOnceAndItsReportSettlesIt() throws Exception {
    String phone = TwilioStandIn.phone();
    // Twilio takes this phone's messages but answers after our 8 s timeout.
    twilio.stubFor(
        post(urlEqualTo(TwilioStandIn.MESSAGES))
            .withRequestBody(containing(phone.replace("+", "%2B")))
            .withRequestBody(containing("ticket"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withFixedDelay(10_000)
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"sid\": \"SMslow"
                            + UUID.randomUUID().toString().substring(0, 8)
                            + "\"}")));
    try {
      String registration = register(phone, "Slow Twilio");
      long deadline = System.currentTimeMillis() + 20_000;
      while (ticketMessagesTo(phone).isEmpty() && System.currentTimeMillis() < deadline) {
        Thread.sleep(200);
      }
      // A retry, had there been one, would come once the first call's read gave up (about 10 s).
      Thread.sleep(15_000);

      assertThat(ticketMessagesTo(phone)).as("requests to Twilio").hasSize(1);
      String messageId;
      try (var db = TestServer.database();
          var query =
              db.prepareStatement(
                  "select id::text, state, next_attempt_at is not null, last_error from message"
                      + " where kind = 'ticket' and registration_id = ?::uuid")) {
        query.setString(1, registration);
        var row = query.executeQuery();
        assertThat(row.next()).isTrue();
        messageId = row.getString(1);
        assertThat(row.getString(2)).isEqualTo("QUEUED");
        assertThat(row.getBoolean(3)).as("due again only after its report's wait").isTrue();
        assertThat(row.getString(4)).startsWith("outcome unknown");
        assertThat(row.next()).isFalse();
      }

      // Twilio's report, naming our message: it is settled, and never sent again.
      Map<String, String> report = Map.of("MessageSid", "SMlate1", "MessageStatus", "sent");
      DeliveryReportIT.signedReport("?mid=" + messageId, report).then().statusCode(204);
      assertThat(
              ScanIT.count(
                  "select count(*) from message where id = ?::uuid and state = 'SENT'"
                      + " and next_attempt_at is null and provider_id = 'SMlate1'",
                  messageId))
          .isEqualTo(1);
    } finally {
      TwilioStandIn.accepting(twilio);
    }
  }
}
