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
  void aStaffPhoneHasAHigherLimit() {
    String phone = Sessions.newPhone();
    TestServer.api()
        .auth()
        .oauth2(Sessions.token(Sessions.ADMIN))
        .contentType("application/json")
        .body(Map.of("phone", phone, "name", "Gate Staff", "role", "volunteer"))
        .post("/api/admin/staff")
        .then()
        .statusCode(201);

    for (int i = 0; i < 5; i++) {
      Sessions.requestOtp(phone).then().statusCode(202);
    }
  }

  @Test
  void verificationAttemptsPerPhoneAreLimited() {
    String phone = Sessions.newPhone();
    for (int i = 0; i < 10; i++) {
      Sessions.verify(phone, "123456").then().statusCode(401);
    }

    assertRateLimited(Sessions.verify(phone, "123456"), 600);
  }

  @Test
  void eachClientAddressHasAGenerousLimitOnWrites() {
    String address = "198.51.100." + (1 + (int) (Math.random() * 250));
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
        .header("X-Forwarded-For", "198.51.100.251, " + address.replace("100.", "99."))
        .contentType("application/json")
        .body("{}")
        .post("/api/auth/otp")
        .then()
        .statusCode(400);
  }
}
