package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** POST /api/auth/otp and /api/auth/otp/verify through the development outbox. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OtpLoginIT {

  @Test
  void aNewUserLogsInInThreeCallsAndUsesTheToken() {
    String phone = Sessions.newPhone();

    Sessions.requestOtp(phone)
        .then()
        .statusCode(202)
        .body("expiresInSeconds", equalTo(300))
        .body("resendAfterSeconds", equalTo(30));
    String code = Sessions.latestCode(phone);
    Response verified = Sessions.verify(phone, code);

    verified
        .then()
        .statusCode(200)
        .body("tokenType", equalTo("Bearer"))
        .body("expiresIn", equalTo(3600))
        .body("roles", equalTo(List.of("visitor")));
    String token = verified.jsonPath().getString("accessToken");
    TestServer.api()
        .auth()
        .oauth2(token)
        .get("/api/me")
        .then()
        .statusCode(200)
        .body("phone", equalTo(phone))
        .body("roles", equalTo(List.of("visitor")));
  }

  @Test
  void theCodeIsSentAsTheConfiguredWordingAndAPhoneIsAcceptedInLocalForm() {
    String phone = Sessions.newPhone();

    Sessions.requestOtp(phone.substring(3)).then().statusCode(202);

    List<String> messages = Sessions.outbox(phone);
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0)).matches("\\d{6} is your Pravesh login code\\..*");
  }

  @Test
  void aCodeWorksOnce() {
    String phone = Sessions.newPhone();
    Sessions.requestOtp(phone);
    String code = Sessions.latestCode(phone);

    Sessions.verify(phone, code).then().statusCode(200);

    assertOtpInvalid(Sessions.verify(phone, code));
  }

  @Test
  void aNewCodeReplacesTheOldOne() {
    String phone = Sessions.newPhone();
    Sessions.requestOtp(phone);
    String first = Sessions.latestCode(phone);
    Sessions.requestOtp(phone);
    String second = Sessions.latestCode(phone);

    if (!first.equals(second)) {
      assertOtpInvalid(Sessions.verify(phone, first));
    }
    Sessions.verify(phone, second).then().statusCode(200);
  }

  @Test
  void anExpiredCodeIsRefused() throws Exception {
    String phone = Sessions.newPhone();
    Sessions.requestOtp(phone);
    String code = Sessions.latestCode(phone);
    try (Connection db = TestServer.database();
        PreparedStatement expire =
            db.prepareStatement(
                "update otp_challenge set expires_at = now() - interval '1 second'"
                    + " where phone = ?")) {
      expire.setString(1, phone);
      assertThat(expire.executeUpdate()).isEqualTo(1);
    }

    assertOtpInvalid(Sessions.verify(phone, code));
  }

  @Test
  void fiveWrongCodesKillTheChallenge() {
    String phone = Sessions.newPhone();
    Sessions.requestOtp(phone);
    String code = Sessions.latestCode(phone);
    String wrong = code.equals("000000") ? "111111" : "000000";

    for (int i = 0; i < 5; i++) {
      assertOtpInvalid(Sessions.verify(phone, wrong));
    }

    assertOtpInvalid(Sessions.verify(phone, code));
  }

  @Test
  void anUnknownPhoneAndAWrongCodeGetTheSameAnswer() {
    String known = Sessions.newPhone();
    Sessions.requestOtp(known);
    String code = Sessions.latestCode(known);
    String wrong = code.equals("999999") ? "888888" : "999999";

    Response wrongCode = Sessions.verify(known, wrong);
    Response unknownPhone = Sessions.verify(Sessions.newPhone(), wrong);

    assertOtpInvalid(wrongCode);
    assertOtpInvalid(unknownPhone);
    assertThat(unknownPhone.asString()).isEqualTo(wrongCode.asString());
  }

  @Test
  void theCodeIsStoredOnlyAsAHash() throws Exception {
    String phone = Sessions.newPhone();
    Sessions.requestOtp(phone);
    String code = Sessions.latestCode(phone);
    try (Connection db = TestServer.database();
        PreparedStatement query =
            db.prepareStatement("select code_hash from otp_challenge where phone = ?")) {
      query.setString(1, phone);
      var rows = query.executeQuery();
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).hasSize(64).doesNotContain(code);
    }
  }

  @Test
  void badPhonesAreValidationProblemsNamingTheField() {
    for (String phone : List.of("12345", "+447911123456", "+9112345", "not a phone")) {
      TestServer.api()
          .contentType("application/json")
          .body(Map.of("phone", phone))
          .post("/api/auth/otp")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("type", equalTo("urn:pravesh:problem:validation"))
          .body("errors.phone", org.hamcrest.Matchers.notNullValue());
    }
    TestServer.api()
        .contentType("application/json")
        .body(Map.of("phone", Sessions.newPhone(), "channel", "fax"))
        .post("/api/auth/otp")
        .then()
        .statusCode(400)
        .body("errors.channel", org.hamcrest.Matchers.notNullValue());
    TestServer.api()
        .contentType("application/json")
        .body(Map.of("phone", Sessions.newPhone(), "code", "12ab56"))
        .post("/api/auth/otp/verify")
        .then()
        .statusCode(400)
        .body("errors.code", org.hamcrest.Matchers.notNullValue());
  }

  @Test
  void malformedJsonAndWrongContentTypesAreProblemsToo() {
    TestServer.api()
        .contentType("application/json")
        .body("{\"phone\": ")
        .post("/api/auth/otp")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:pravesh:problem:validation"));
    TestServer.api()
        .contentType("application/json")
        .body("[1, 2]")
        .post("/api/auth/otp")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    TestServer.api()
        .contentType("application/json")
        .post("/api/auth/otp")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    TestServer.api()
        .contentType("text/plain")
        .body("phone=9812345678")
        .post("/api/auth/otp")
        .then()
        .statusCode(415)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:pravesh:problem:unsupported-media-type"));
  }

  @Test
  void whatsappCodesAreSentOnTheWhatsappChannel() {
    String phone = Sessions.newPhone();

    TestServer.api()
        .contentType("application/json")
        .body(Map.of("phone", phone, "channel", "whatsapp"))
        .post("/api/auth/otp")
        .then()
        .statusCode(202);

    TestServer.api()
        .queryParam("to", phone)
        .get("/api/dev/outbox")
        .then()
        .body("channel", hasItem("whatsapp"));
  }

  @Test
  void parallelWrongGuessesAreAllCountedAndKillTheCode() throws Exception {
    parallelWrongGuessesCloseTheCode();
  }

  @Test
  void parallelWrongGuessesAreCountedWhenTheRateLimitCacheFails() throws Exception {
    try (AutoCloseable fault = TestFaults.cacheFails("rate-limit")) {
      parallelWrongGuessesCloseTheCode();
    }
  }

  @Test
  void withoutTheRateLimitCacheThePerPhoneBackstopHoldsInTheDatabase() throws Exception {
    String phone = Sessions.newPhone();
    try (AutoCloseable fault = TestFaults.cacheFails("rate-limit")) {
      for (int i = 0; i < 10; i++) {
        Sessions.requestOtp(phone).then().statusCode(202);
      }
      Sessions.requestOtp(phone)
          .then()
          .statusCode(429)
          .body("type", equalTo("urn:pravesh:problem:rate-limited"));
    }
  }

  private static void parallelWrongGuessesCloseTheCode() throws Exception {
    String phone = Sessions.newPhone();
    Sessions.requestOtp(phone).then().statusCode(202);
    String code = Sessions.latestCode(phone);
    String wrong = code.equals("000000") ? "000001" : "000000";
    // Nine guesses at once (the verify limit per phone and address is ten): five must close it.
    int guesses = 9;
    ExecutorService pool = Executors.newFixedThreadPool(guesses);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Response>> answers = new ArrayList<>();
    for (int i = 0; i < guesses; i++) {
      answers.add(
          pool.submit(
              () -> {
                start.await();
                return Sessions.verify(phone, wrong);
              }));
    }
    start.countDown();
    for (Future<Response> answer : answers) {
      assertOtpInvalid(answer.get());
    }
    pool.shutdown();

    try (Connection db = TestServer.database();
        PreparedStatement query =
            db.prepareStatement("select attempts, dead from otp_challenge where phone = ?")) {
      query.setString(1, phone);
      var row = query.executeQuery();
      assertThat(row.next()).isTrue();
      assertThat(row.getInt("attempts")).as("wrong guesses counted").isEqualTo(5);
    }
    // Five wrong codes from this address: the code no longer works from here.
    assertOtpInvalid(Sessions.verify(phone, code));
  }

  static void assertOtpInvalid(Response response) {
    response
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:pravesh:problem:otp-invalid"));
  }
}
