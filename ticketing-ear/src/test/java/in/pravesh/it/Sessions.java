package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Logging in as a person would, through the OTP flow and the development outbox. */
final class Sessions {

  static final String ADMIN = "+919000000001";
  static final String VOLUNTEER = "+919000000002";

  private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
  private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

  private Sessions() {}

  /** A fresh Indian mobile number nobody used yet in this run. */
  static String newPhone() {
    return "+9197" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
  }

  /** A token for this phone, logged in once per test run (OTP limits are per phone). */
  static String token(String phone) {
    return TOKENS.computeIfAbsent(phone, p -> login(p).jsonPath().getString("accessToken"));
  }

  /** The whole flow: request a code, read it from the outbox, verify it. */
  static Response login(String phone) {
    requestOtp(phone).then().statusCode(202);
    return verify(phone, latestCode(phone)).then().statusCode(200).extract().response();
  }

  static Response requestOtp(String phone) {
    return TestServer.api()
        .contentType("application/json")
        .body(Map.of("phone", phone))
        .post("/api/auth/otp");
  }

  static Response verify(String phone, String code) {
    return TestServer.api()
        .contentType("application/json")
        .body(Map.of("phone", phone, "code", code))
        .post("/api/auth/otp/verify");
  }

  /** The code in the newest message to the phone in the development outbox. */
  static String latestCode(String phone) {
    List<String> bodies = outbox(phone);
    assertThat(bodies).as("messages to " + phone).isNotEmpty();
    Matcher matcher = CODE.matcher(bodies.get(0));
    assertThat(matcher.find()).as("a 6-digit code in: " + bodies.get(0)).isTrue();
    return matcher.group(1);
  }

  static List<String> outbox(String phone) {
    return TestServer.api()
        .urlEncodingEnabled(false)
        .get("/api/dev/outbox?to=" + URLEncoder.encode(phone, StandardCharsets.UTF_8))
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("body");
  }
}
