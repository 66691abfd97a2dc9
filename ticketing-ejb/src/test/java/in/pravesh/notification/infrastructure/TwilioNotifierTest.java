package in.pravesh.notification.infrastructure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import in.pravesh.notification.application.Notifier;
import in.pravesh.notification.application.OutgoingMessage;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Twilio SDK against WireMock standing in for Twilio's REST API (loopback only). */
class TwilioNotifierTest {

  private static final String ACCOUNT = "AC00000000000000000000000000000001";
  private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
  private static WireMockServer twilio;
  private TwilioNotifier notifier;

  @BeforeAll
  static void start() {
    twilio = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    twilio.start();
  }

  @AfterAll
  static void stop() {
    twilio.stop();
  }

  @BeforeEach
  void reset() {
    twilio.resetAll();
    notifier =
        new TwilioNotifier(
            ACCOUNT,
            "secret-token",
            "MG00000000000000000000000000000002",
            "+14155238886",
            "http://127.0.0.1:" + twilio.port(),
            "https://tickets.example.in");
  }

  private static void created(String sid) {
    twilio.stubFor(
        post(urlEqualTo(MESSAGES))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"sid\": \"" + sid + "\", \"status\": \"queued\"}")));
  }

  @Test
  void anSmsGoesThroughTheMessagingServiceWithTheDltWordingAndACallback() {
    created("SM123");

    var delivery =
        send(
            OutgoingMessage.text(
                "otp", OutgoingMessage.Channel.SMS, "+919812345678", "123456 is your code"));

    assertThat(delivery.providerId()).isEqualTo("SM123");
    twilio.verify(
        postRequestedFor(urlEqualTo(MESSAGES))
            .withBasicAuth(
                new com.github.tomakehurst.wiremock.client.BasicCredentials(
                    ACCOUNT, "secret-token"))
            .withRequestBody(containing("To=%2B919812345678"))
            .withRequestBody(containing("MessagingServiceSid=MG00000000000000000000000000000002"))
            .withRequestBody(containing("Body=123456+is+your+code"))
            .withRequestBody(
                containing(
                    "StatusCallback=https%3A%2F%2Ftickets.example.in%2Fapi%2Ftwilio%2Fstatus")));
  }

  @Test
  void theCallbackCarriesOurMessageId() {
    created("SM789");
    java.util.UUID id = java.util.UUID.randomUUID();

    notifier.send(
        OutgoingMessage.text("ticket", OutgoingMessage.Channel.SMS, "+919812345678", "hello"), id);

    twilio.verify(
        postRequestedFor(urlEqualTo(MESSAGES))
            .withRequestBody(containing("%2Fapi%2Ftwilio%2Fstatus%3Fmid%3D" + id)));
  }

  @Test
  void anAnswerLostAfterTheRequestIsUncertainNotAnOutage() {
    twilio.stubFor(
        post(urlEqualTo(MESSAGES))
            .willReturn(
                aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.EMPTY_RESPONSE)));

    assertThatThrownBy(
            () ->
                send(
                    OutgoingMessage.text(
                        "ticket", OutgoingMessage.Channel.SMS, "+919812345678", "hello")))
        .isInstanceOf(in.pravesh.notification.application.DeliveryUncertainException.class);
  }

  private Notifier.Delivery send(OutgoingMessage message) {
    return notifier.send(message, null);
  }

  @Test
  void aWhatsappOtpUsesTheApprovedContentTemplate() {
    created("SM456");

    send(
        new OutgoingMessage(
            "otp",
            OutgoingMessage.Channel.WHATSAPP,
            "+919812345678",
            "123456 is your code",
            null,
            "HX0123",
            Map.of("1", "123456")));

    twilio.verify(
        postRequestedFor(urlEqualTo(MESSAGES))
            .withRequestBody(containing("To=whatsapp%3A%2B919812345678"))
            .withRequestBody(containing("From=whatsapp%3A%2B14155238886"))
            .withRequestBody(containing("ContentSid=HX0123"))
            .withRequestBody(containing("ContentVariables=%7B%221%22%3A%22123456%22%7D")));
  }

  @Test
  void aServerErrorFromTwilioIsAnOutageToRetryLater() {
    twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(
            () ->
                send(
                    OutgoingMessage.text(
                        "ticket", OutgoingMessage.Channel.SMS, "+919812345678", "hello")))
        .isInstanceOf(in.pravesh.notification.application.ProviderUnavailableException.class);
  }

  @Test
  void aRefusalFromTwilioIsAnError() {
    twilio.stubFor(
        post(urlEqualTo(MESSAGES))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"code\": 21211, \"message\": \"Invalid 'To' Phone Number\","
                            + " \"status\": 400}")));

    assertThatThrownBy(
            () ->
                send(
                    OutgoingMessage.text(
                        "otp", OutgoingMessage.Channel.SMS, "+919812345678", "hello")))
        .isInstanceOf(in.pravesh.notification.application.MessageRefusedException.class)
        .hasMessageContaining("Invalid 'To' Phone Number");
    twilio.verify(
        1, postRequestedFor(urlEqualTo(MESSAGES)).withHeader("Content-Type", containing("form")));
  }
}
