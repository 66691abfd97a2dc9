package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The limits of api.md (Auth), on a single node here (the cluster test is in the Entry issue).
 * Clients are told apart by X-Forwarded-For: the test server trusts 127.0.0.1 as a proxy.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RateLimitIT {

  private static void assertRateLimited(Response response, int maxSeconds) {
    response
        .then()
        .statusCode(429)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:pravesh:problem:rate-limited"));
    long retryAfter = Long.parseLong(response.getHeader("Retry-After"));
    assertThat(retryAfter).isBetween(1L, (long) maxSeconds);
  }

  @Test
  void aVisitorPhoneGetsThreeCodesPerTenMinutes() {
    String phone = Sessions.newPhone();
    for (int i = 0; i < 3; i++) {
      Sessions.requestOtp(phone).then().statusCode(202);
    }

    assertRateLimited(Sessions.requestOtp(phone), 600);
    assertThat(Sessions.outbox(phone)).hasSize(3);
  }

  @Test
  void staffAndVisitorPhonesGetTheSameAnswers() {
    String phone = Sessions.newPhone();
    TestServer.api()
        .auth()
        .oauth2(Sessions.token(Sessions.ADMIN))
        .contentType("application/json")
        .body(Map.of("phone", phone, "name", "Gate Staff", "role", "volunteer"))
        .post("/api/admin/staff")
        .then()
        .statusCode(201);

    for (int i = 0; i < 3; i++) {
      Sessions.requestOtp(phone).then().statusCode(202);
    }
    assertRateLimited(Sessions.requestOtp(phone), 600);
  }

  @Test
  void requestsAndGuessesFromAnotherAddressDoNotLockTheOwnerOut() {
    String phone = Sessions.newPhone();
    String attacker = "198.51.100." + (1 + (int) (Math.random() * 250));
    for (int i = 0; i < 3; i++) {
      fromAddress(attacker)
          .body(Map.of("phone", phone))
          .post("/api/auth/otp")
          .then()
          .statusCode(202);
    }
    assertRateLimited(
        fromAddress(attacker).body(Map.of("phone", phone)).post("/api/auth/otp"), 600);
    int sent = Sessions.outbox(phone).size();

    // The owner, elsewhere, still gets a code; the attacker's refused request superseded nothing.
    Sessions.requestOtp(phone).then().statusCode(202);
    assertThat(Sessions.outbox(phone)).hasSize(sent + 1);
    String code = Sessions.latestCode(phone);
    String wrong = code.equals("000000") ? "000001" : "000000";
    for (int i = 0; i < 6; i++) {
      fromAddress(attacker)
          .body(Map.of("phone", phone, "code", wrong))
          .post("/api/auth/otp/verify")
          .then()
          .statusCode(401);
    }
    // Even the right code no longer works from the attacker's address...
    fromAddress(attacker)
        .body(Map.of("phone", phone, "code", code))
        .post("/api/auth/otp/verify")
        .then()
        .statusCode(401);
    // ...but it does from the owner's.
    Sessions.verify(phone, code).then().statusCode(200);
  }

  private static io.restassured.specification.RequestSpecification fromAddress(String address) {
    return TestServer.api().header("X-Forwarded-For", address).contentType("application/json");
  }

  @Test
  void verificationAttemptsPerPhoneAndAddressAreLimited() {
    String phone = Sessions.newPhone();
    for (int i = 0; i < 10; i++) {
      Sessions.verify(phone, "123456").then().statusCode(401);
    }

    assertRateLimited(Sessions.verify(phone, "123456"), 3600);
  }

  @Test
  void eachClientAddressHasAGenerousLimitOnWrites() {
    // Not in 198.51.100.0/24, where the attacker of the test above wrote from.
    String address = "203.0.113." + (1 + (int) (Math.random() * 250));
    int accepted = 0;
    Response last = null;
    for (int i = 0; i < 700 && (last == null || last.statusCode() != 429); i++) {
      last =
          TestServer.api()
              .header("X-Forwarded-For", address)
              .contentType("application/json")
              .body("{}")
              .post("/api/auth/otp");
      if (last.statusCode() == 400) {
        accepted++;
      }
    }

    assertThat(accepted).isEqualTo(600);
    assertRateLimited(last, 60);
    // Another client behind the same proxy is not affected.
    TestServer.api()
        .header("X-Forwarded-For", "198.51.100.251, " + address.replace(".113.", ".112."))
        .contentType("application/json")
        .body("{}")
        .post("/api/auth/otp")
        .then()
        .statusCode(400);
  }
}
