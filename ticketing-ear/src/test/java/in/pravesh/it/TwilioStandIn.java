package in.pravesh.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WireMock on loopback standing in for Twilio's Messages API: the test server sends numbers that
 * start +91955 there (TICKETING_DEV_TWILIO_PREFIXES, TICKETING_TWILIO_API_BASE_URL in the pom).
 */
final class TwilioStandIn {

  static final String MESSAGES =
      "/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages.json";

  private TwilioStandIn() {}

  private static WireMockServer shared;

  /**
   * The stand-in, accepting every message. One server for the whole test run (stopped when the JVM
   * ends): a server restarted on the same port would leave the test server's pooled connections to
   * the old one broken, which a send cannot tell from a lost answer.
   */
  static synchronized WireMockServer start() {
    if (shared == null) {
      shared = new WireMockServer(options().port(18089).bindAddress("127.0.0.1"));
      shared.start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
    }
    accepting(shared);
    return shared;
  }

  /** Every message is taken (201 with a new SID). */
  static void accepting(WireMockServer twilio) {
    twilio.resetMappings();
    twilio.stubFor(
        post(urlEqualTo(MESSAGES))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"sid\": \"SM{{randomValue length=32 type='ALPHANUMERIC'}}\"}")
                    .withTransformers("response-template")));
  }

  /** A new phone number that the test server sends through the stand-in. */
  static String phone() {
    return "+91955" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
  }

  /** The decoded form bodies of the messages Twilio was asked to send to {@code phone}. */
  static List<String> sentTo(WireMockServer twilio, String phone) {
    return twilio
        .findAll(
            postRequestedFor(urlEqualTo(MESSAGES))
                .withRequestBody(containing(phone.replace("+", "%2B"))))
        .stream()
        .map(r -> URLDecoder.decode(r.getBodyAsString(), StandardCharsets.UTF_8))
        .toList();
  }

  /** The login code in the newest message to {@code phone} (text body or template variables). */
  static String lastCode(WireMockServer twilio, String phone) {
    List<String> sent = sentTo(twilio, phone);
    assertThat(sent).as("messages to " + phone).isNotEmpty();
    Matcher code = Pattern.compile("(?:Body=|\"1\":\")(\\d{6})").matcher(sent.get(sent.size() - 1));
    assertThat(code.find()).as(sent.get(sent.size() - 1)).isTrue();
    return code.group(1);
  }

  /** Logs in with the code Twilio (the stand-in) was asked to send. */
  static String login(WireMockServer twilio, String phone) {
    Sessions.requestOtp(phone).then().statusCode(202);
    return Sessions.verify(phone, lastCode(twilio, phone))
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getString("accessToken");
  }
}
