package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.util.Arrays;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad requests to the API get problem+json with the contract's types, never HTML or a trace. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProblemDetailsIT {

  private static void assertProblem(Response response, int status, String type) {
    response
        .then()
        .statusCode(status)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:pravesh:problem:" + type))
        .body("status", equalTo(status))
        .body("title", org.hamcrest.Matchers.notNullValue())
        .body("detail", org.hamcrest.Matchers.notNullValue());
    assertThat(response.asString())
        .doesNotContain("<html")
        .doesNotContain("Exception")
        .doesNotContain("at in.pravesh")
        .doesNotContain("RESTEASY");
  }

  @Test
  void anUnknownRouteUnderApiIsNotFound() {
    assertProblem(TestServer.api().get("/api/no/such/route"), 404, "not-found");
    assertProblem(TestServer.api().post("/api/registrationz"), 404, "not-found");
  }

  @Test
  void aKnownRouteWithTheWrongMethodIs405WithAllow() {
    Response response = TestServer.api().delete("/api/events");

    assertProblem(response, 405, "not-found");
    response.then().header("Allow", containsString("GET"));
  }

  @Test
  void aBodyOverOneMebibyteIs413BeforeItIsRead() {
    byte[] body = new byte[1024 * 1024 + 1];
    Arrays.fill(body, (byte) 'a');

    Response response =
        TestServer.api().contentType("application/json").body(body).post("/api/dev/demo/refresh");

    assertProblem(response, 413, "payload-too-large");
  }

  @Test
  void aResponseTypeTheRouteCannotGiveIs406AsProblemJson() {
    Response response = TestServer.api().accept("text/html").get("/api/events");

    response.then().statusCode(406).contentType("application/problem+json");
    assertThat(response.asString()).doesNotContain("<html");
  }

  @Test
  void oddButHarmlessInputNeverLeaksInternals() {
    assertProblem(TestServer.api().get("/api/events/%00%ff"), 404, "not-found");
    assertProblem(TestServer.api().get("/api/events/" + "x".repeat(5000)), 404, "not-found");
    assertProblem(
        TestServer.api().urlEncodingEnabled(false).get("/api/events/'%20or%201=1--"),
        404,
        "not-found");
  }
}
