package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Revocations that hold: through cache faults, on public routes, and for browser sessions. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RevocationIT {

  private static int me(String token) {
    return TestServer.api().auth().oauth2(token).get("/api/me").statusCode();
  }

  @Test
  void aRevocationMadeWhileTheCacheWriteFailsStillRefusesTheToken() throws Exception {
    String token = Sessions.login(Sessions.newPhone()).jsonPath().getString("accessToken");
    assertThat(me(token)).isEqualTo(200);

    try (AutoCloseable fault = TestFaults.cacheFails("token-revocation")) {
      TestServer.api().auth().oauth2(token).post("/api/auth/logout").then().statusCode(204);
      assertThat(me(token)).as("while the cache fails").isEqualTo(401);
    }
    assertThat(me(token)).as("once the cache answers again").isEqualTo(401);
    Thread.sleep(6_000); // the cache is copied from the database every 5 s
    assertThat(me(token)).as("after the cache was copied again").isEqualTo(401);
    String other = Sessions.login(Sessions.newPhone()).jsonPath().getString("accessToken");
    assertThat(me(other)).as("a token nobody revoked").isEqualTo(200);
  }

  @Test
  void aRevokedCookieOnPublicRoutesCountsAsAnonymousAndIsCleared() {
    String phone = Sessions.newPhone();
    Response login = Sessions.login(phone);
    String session = login.getCookie("pravesh_session");
    TestServer.api()
        .auth()
        .oauth2(login.jsonPath().getString("accessToken"))
        .post("/api/auth/logout")
        .then()
        .statusCode(204);

    Response again =
        TestServer.api()
            .cookie("pravesh_session", session)
            .contentType("application/json")
            .body(Map.of("phone", phone))
            .post("/api/auth/otp");
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(again.getDetailedCookie("pravesh_session").getMaxAge()).isZero();
    Response verified =
        TestServer.api()
            .cookie("pravesh_session", session)
            .contentType("application/json")
            .body(Map.of("phone", phone, "code", Sessions.latestCode(phone)))
            .post("/api/auth/otp/verify");
    assertThat(verified.statusCode()).isEqualTo(200);
    assertThat(verified.getCookie("pravesh_session")).isNotEmpty().isNotEqualTo(session);
  }

  @Test
  void erasureClearsTheSessionCookies() {
    Response login = Sessions.login(Sessions.newPhone());
    Response erased =
        TestServer.api()
            .cookie("pravesh_session", login.getCookie("pravesh_session"))
            .cookie("pravesh_csrf", login.getCookie("pravesh_csrf"))
            .header("X-CSRF-Token", login.getCookie("pravesh_csrf"))
            .delete("/api/me");
    assertThat(erased.statusCode()).isEqualTo(204);
    assertThat(erased.getDetailedCookie("pravesh_session").getMaxAge()).isZero();
    assertThat(erased.getDetailedCookie("pravesh_csrf").getMaxAge()).isZero();
  }

  @Test
  void aCookieAuthenticatedWriteNeedsTheCsrfHeaderWhateverAuthorizationSays() {
    Response login = Sessions.login(Sessions.newPhone());
    TestServer.api()
        .cookie("pravesh_session", login.getCookie("pravesh_session"))
        .cookie("pravesh_csrf", login.getCookie("pravesh_csrf"))
        .header("Authorization", "Basic Zm9vOmJhcg==")
        .delete("/api/me")
        .then()
        .statusCode(403);
  }
}
