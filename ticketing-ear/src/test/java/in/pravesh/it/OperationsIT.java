package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Health, metrics, HTTPS and the frontend: what operations and phones rely on. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperationsIT {

  @Test
  void readyMeansTheDatabaseAndTheBrokerAnswerWithoutCredentials() {
    JsonPath health =
        TestServer.management()
            .get("/health/ready")
            .then()
            .statusCode(200)
            .body("status", equalTo("UP"))
            .extract()
            .jsonPath();

    List<Map<String, Object>> checks = health.getList("checks");
    assertThat(checks)
        .filteredOn(check -> List.of("database", "broker").contains(check.get("name")))
        .hasSize(2)
        .allSatisfy(check -> assertThat(check).containsEntry("status", "UP"));
  }

  @Test
  void theEntryCacheReportsItsStateWithoutDecidingReadiness() {
    TestServer.management()
        .get("/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'entry-cache' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'entry-cache' }.data.availability", equalTo("AVAILABLE"))
        .body("checks.find { it.name == 'entry-cache' }.data.degraded", equalTo(false))
        .body("checks.find { it.name == 'entry-cache' }.data.members", equalTo(1));
  }

  @Test
  void liveIsUp() {
    TestServer.management().get("/health/live").then().statusCode(200);
  }

  @Test
  void metricsArePrometheusTextOnTheManagementPort() {
    String metrics =
        TestServer.management().get("/metrics").then().statusCode(200).extract().asString();

    assertThat(metrics).contains("# TYPE").contains("# HELP");
    // The application's datasource pool is among them.
    assertThat(metrics).contains("PraveshDS");
  }

  @Test
  void httpsServesTheApiWithTheServersSelfSignedCertificate() {
    RestAssured.given()
        .relaxedHTTPSValidation()
        .baseUri(TestServer.HTTPS)
        .get("/api/events")
        .then()
        .statusCode(200)
        .body("slug", hasItems("demo-book-fair"));
  }

  @Test
  void theFrontendIsServedAtTheRoot() {
    String page =
        TestServer.api()
            .get("/")
            .then()
            .statusCode(200)
            .contentType("text/html")
            .body(org.hamcrest.Matchers.containsString("Pravesh"))
            .header("Cache-Control", "no-cache")
            .extract()
            .asString();
    // The React app's script, built by Vite with a content-hashed name.
    var script =
        java.util.regex.Pattern.compile("src=\"(/assets/index\\.[^\"]+\\.js)\"").matcher(page);
    org.assertj.core.api.Assertions.assertThat(script.find()).as(page).isTrue();
    TestServer.api()
        .get(script.group(1))
        .then()
        .statusCode(200)
        .contentType(org.hamcrest.Matchers.containsString("javascript"))
        .header("Cache-Control", "public, max-age=31536000, immutable");
    // Compressed on the wire for a client that accepts it (slow mobile networks); the API is not.
    var raw =
        TestServer.api()
            .config(
                io.restassured.config.RestAssuredConfig.config()
                    .decoderConfig(
                        io.restassured.config.DecoderConfig.decoderConfig().noContentDecoders()))
            .header("Accept-Encoding", "gzip")
            .get(script.group(1));
    org.assertj.core.api.Assertions.assertThat(raw.header("Content-Encoding")).isEqualTo("gzip");
    org.assertj.core.api.Assertions.assertThat(raw.header("Vary")).contains("Accept-Encoding");
    byte[] decoded = TestServer.api().get(script.group(1)).asByteArray(); // RestAssured decodes
    org.assertj.core.api.Assertions.assertThat(raw.asByteArray().length)
        .isLessThan(decoded.length / 2);
    var api = TestServer.api().header("Accept-Encoding", "gzip").get("/api/events");
    org.assertj.core.api.Assertions.assertThat(api.header("Content-Encoding")).isNull();
  }
}
