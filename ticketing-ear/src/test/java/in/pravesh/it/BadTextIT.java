package in.pravesh.it;

import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A NUL or bytes that are not UTF-8 in any kind of input are a 400 validation problem, never a
 * database error (PostgreSQL refuses 0x00 in text).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BadTextIT {

  private static void assertRefused(Response response) {
    response
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:pravesh:problem:validation"));
  }

  @Test
  void inThePath() {
    assertRefused(TestServer.api().urlEncodingEnabled(false).get("/api/events/%00"));
    assertRefused(TestServer.api().urlEncodingEnabled(false).get("/api/events/%00/ticket-key"));
    assertRefused(TestServer.api().urlEncodingEnabled(false).get("/api/events/%C3%28"));
  }

  @Test
  void inTheQuery() {
    String admin = Sessions.token(Sessions.ADMIN);
    assertRefused(
        TestServer.api()
            .urlEncodingEnabled(false)
            .auth()
            .oauth2(admin)
            .get("/api/gates?event=%00"));
    assertRefused(
        TestServer.api()
            .urlEncodingEnabled(false)
            .auth()
            .oauth2(admin)
            .get("/api/gates?event=%FF%FE"));
  }

  @Test
  void inAHeader() {
    String visitor = Sessions.token(Sessions.newPhone());
    assertRefused(
        TestServer.api()
            .auth()
            .oauth2(visitor)
            .header("Idempotency-Key", "key\u0000")
            .contentType("application/json")
            .body("{}")
            .post("/api/registrations"));
  }

  @Test
  void inAJsonBody() {
    assertRefused(
        TestServer.api()
            .contentType("application/json")
            .body("{\"phone\": \"98123\\u000045678\"}")
            .post("/api/auth/otp"));
    byte[] notUtf8 =
        "{\"phone\": \"9812345678\", \"x\": \"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
    assertRefused(
        TestServer.api()
            .contentType("application/json; charset=utf-8")
            .body(notUtf8)
            .post("/api/auth/otp"));
  }

  @Test
  void inAFormBody() {
    assertRefused(
        TestServer.api()
            .contentType("application/x-www-form-urlencoded")
            .body("MessageSid=SM1&MessageStatus=%00")
            .post("/api/twilio/status"));
  }
}
