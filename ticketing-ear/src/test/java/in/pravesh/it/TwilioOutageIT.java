package in.pravesh.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ticket messages through the real twilio-java SDK, with WireMock on loopback standing in for
 * Twilio's API (the test server sends numbers starting +91955 there): a 500 is retried, a long
 * outage parks the messages and opens the circuit, and every message goes out once Twilio is back;
 * a WhatsApp ticket Twilio refuses goes by SMS.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TwilioOutageIT {

  private static final String MESSAGES = TwilioStandIn.MESSAGES;
  private static WireMockServer twilio;

  @BeforeAll
  static void start() {
    twilio = TwilioStandIn.start();
  }

  private static List<String> ticketMessageStates(List<String> phones) throws Exception {
    List<String> states = new ArrayList<>();
    try (Connection db = TestServer.database();
        PreparedStatement query =
            db.prepareStatement(
                "select state from message where kind = 'ticket' and recipient = ?")) {
      for (String phone : phones) {
        query.setString(1, phone);
        var rows = query.executeQuery();
        states.add(rows.next() ? rows.getString(1) : "NONE");
      }
    }
    return states;
  }

  private static void awaitStates(List<String> phones, String state, long millis) throws Exception {
    long deadline = System.currentTimeMillis() + millis;
    List<String> states = ticketMessageStates(phones);
    while (System.currentTimeMillis() < deadline && !states.stream().allMatch(state::equals)) {
      Thread.sleep(500);
      states = ticketMessageStates(phones);
    }
    assertThat(states).as("ticket messages").allMatch(state::equals);
  }

  @Test
  void aServerErrorIsRetriedAndTheMessageSent() throws Exception {
    String phone = TwilioStandIn.phone();
    String token = TwilioStandIn.login(twilio, phone);
    twilio.resetMappings();
    twilio.stubFor(
        post(urlEqualTo(MESSAGES))
            .inScenario("blip")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(500))
            .willSetStateTo("recovered"));
    twilio.stubFor(
        post(urlEqualTo(MESSAGES))
            .inScenario("blip")
            .whenScenarioStateIs("recovered")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"sid\": \"SMblip\"}")));
    try {
      RegistrationIT.register(token, TestSlots.create(5, 0), 1, null).then().statusCode(202);

      awaitStates(List.of(phone), "SENT", 15_000);
      assertThat(
              twilio
                  .findAll(
                      postRequestedFor(urlEqualTo(MESSAGES))
                          .withRequestBody(containing("Your+Pravesh+ticket"))
                          .withRequestBody(containing(phone.replace("+", "%2B"))))
                  .size())
          .as("the failed attempt and the retry")
          .isGreaterThanOrEqualTo(2);
    } finally {
      TwilioStandIn.accepting(twilio);
    }
  }

  @Test
  void aTicketWhatsappRefusesGoesBySms() throws Exception {
    String phone = TwilioStandIn.phone();
    String token = TwilioStandIn.login(twilio, phone);
    String id =
        RegistrationIT.register(token, TestSlots.create(5, 0), 1, null)
            .jsonPath()
            .getString("registrationId");
    awaitStates(List.of(phone), "SENT", 15_000);
    // Twilio refuses WhatsApp for this number (not a WhatsApp user): 400 with Twilio's error body.
    twilio.stubFor(
        post(urlEqualTo(MESSAGES))
            .withRequestBody(containing("To=whatsapp"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"code\": 63003, \"message\": \"Channel could not find To address\","
                            + " \"status\": 400}")));
    try {
      io.restassured.RestAssured.given()
          .baseUri(TestServer.HTTP)
          .auth()
          .oauth2(token)
          .contentType("application/json")
          .body(java.util.Map.of("channel", "whatsapp"))
          .post("/api/registrations/" + id + "/resend")
          .then()
          .statusCode(202);

      long deadline = System.currentTimeMillis() + 15_000;
      List<String> rows = ticketMessages(phone);
      while (System.currentTimeMillis() < deadline && rows.size() < 3) {
        Thread.sleep(250);
        rows = ticketMessages(phone);
      }
      assertThat(rows).containsExactlyInAnyOrder("sms SENT", "whatsapp FAILED", "sms SENT");
    } finally {
      TwilioStandIn.accepting(twilio);
    }
  }

  private static List<String> ticketMessages(String phone) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection db = TestServer.database();
        PreparedStatement query =
            db.prepareStatement(
                "select channel, state from message where kind = 'ticket' and recipient = ?")) {
      query.setString(1, phone);
      var result = query.executeQuery();
      while (result.next()) {
        rows.add(result.getString(1) + " " + result.getString(2));
      }
    }
    return rows;
  }

  @Test
  void aLongOutageParksMessagesOpensTheCircuitAndLosesNothing() throws Exception {
    List<String> phones = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String phone = TwilioStandIn.phone();
      phones.add(phone);
      tokens.add(TwilioStandIn.login(twilio, phone));
    }
    twilio.resetMappings();
    twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503)));
    try {
      UUID slot = TestSlots.create(20, 0);
      for (String token : tokens) {
        RegistrationIT.register(token, slot, 1, null).then().statusCode(202);
      }
      // Recorded (QUEUED) before the first attempt; the attempts then open the circuit.
      long deadline = System.currentTimeMillis() + 30_000;
      String metrics = TestServer.management().get("/metrics").asString();
      while (System.currentTimeMillis() < deadline
          && !metrics.matches(
              "(?s).*ft_circuitbreaker_opened_total\\{[^}]*GuardedDelivery[^}]*\\} [1-9].*")) {
        Thread.sleep(500);
        metrics = TestServer.management().get("/metrics").asString();
      }
      awaitStates(phones, "QUEUED", 30_000);
      assertThat(metrics)
          .contains("method=\"in.pravesh.notification.infrastructure.GuardedDelivery.send\"")
          .containsPattern("ft_circuitbreaker_opened_total\\{[^}]*GuardedDelivery[^}]*\\} [1-9]");
    } finally {
      TwilioStandIn.accepting(twilio);
    }
    // Twilio is back: the parked messages go out (circuit delay 20 s, retries every 15 s).
    awaitStates(phones, "SENT", 90_000);
  }
}
