package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.Cookie;
import io.restassured.response.Response;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Browsers: the token in an HttpOnly cookie, and double-submit CSRF protection on writes. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CookieSessionIT {

  @Test
  void verifySetsAnHttpOnlyStrictSessionCookieAndAReadableCsrfCookie() {
    Response login = Sessions.login(Sessions.newPhone());

    Cookie session = login.getDetailedCookie("pravesh_session");
    Cookie csrf = login.getDetailedCookie("pravesh_csrf");
    assertThat(session.getValue()).isEqualTo(login.jsonPath().getString("accessToken"));
    assertThat(session.isHttpOnly()).isTrue();
    assertThat(session.getSameSite()).isEqualToIgnoringCase("Strict");
    assertThat(session.getPath()).isEqualTo("/");
    assertThat(session.isSecured()).as("not Secure on localhost").isFalse();
    assertThat(csrf.isHttpOnly()).isFalse();
    assertThat(csrf.getValue()).hasSizeGreaterThan(30);
  }

  @Test
  void theCookieAloneAuthenticatesReads() {
    Response login = Sessions.login(Sessions.newPhone());

    TestServer.api()
        .cookie("pravesh_session", login.getCookie("pravesh_session"))
        .get("/api/me")
        .then()
        .statusCode(200)
        .body("roles[0]", equalTo("visitor"));
  }

  @Test
  void aCookieAuthenticatedWriteNeedsTheCsrfHeader() {
    Response login = Sessions.login(Sessions.newPhone());
    String session = login.getCookie("pravesh_session");
    String csrf = login.getCookie("pravesh_csrf");

    TestServer.api()
        .cookie("pravesh_session", session)
        .cookie("pravesh_csrf", csrf)
        .post("/api/auth/logout")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:pravesh:problem:forbidden"));
    TestServer.api()
        .cookie("pravesh_session", session)
        .cookie("pravesh_csrf", csrf)
        .header("X-CSRF-Token", csrf + "x")
        .post("/api/auth/logout")
        .then()
        .statusCode(403);

    TestServer.api()
        .cookie("pravesh_session", session)
        .cookie("pravesh_csrf", csrf)
        .header("X-CSRF-Token", csrf)
        .post("/api/auth/logout")
        .then()
        .statusCode(204);
  }

  @Test
  void anAdminsCookieWriteSucceedsWithTheHeaderOnly() {
    Response login = Sessions.login(Sessions.ADMIN);
    String session = login.getCookie("pravesh_session");
    String csrf = login.getCookie("pravesh_csrf");
    Map<String, String> member =
        Map.of("phone", Sessions.newPhone(), "name", "Cookie Volunteer", "role", "volunteer");

    TestServer.api()
        .cookie("pravesh_session", session)
        .contentType("application/json")
        .body(member)
        .post("/api/admin/staff")
        .then()
        .statusCode(403);
    TestServer.api()
        .cookie("pravesh_session", session)
        .cookie("pravesh_csrf", csrf)
        .header("X-CSRF-Token", csrf)
        .contentType("application/json")
        .body(member)
        .post("/api/admin/staff")
        .then()
        .statusCode(201);
  }

  @Test
  void logoutEndsTheSessionAndClearsTheCookies() {
    Response login = Sessions.login(Sessions.newPhone());
    String token = login.jsonPath().getString("accessToken");

    Response logout = TestServer.api().auth().oauth2(token).post("/api/auth/logout");

    logout.then().statusCode(204);
    assertThat(logout.getDetailedCookie("pravesh_session").getMaxAge()).isZero();
    assertThat(logout.getDetailedCookie("pravesh_session").getValue()).isEmpty();
    TestServer.api().auth().oauth2(token).get("/api/me").then().statusCode(401);
  }
}
