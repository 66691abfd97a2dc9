package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The served OpenAPI document names every route of api.md built so far, with its method. The list
 * grows with each issue.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenApiContractIT {

  /** Method and path of every route of api.md that is built. */
  static final List<String> BUILT_ROUTES =
      List.of(
          "GET /api/events", //
          "GET /api/events/{slug}",
          "GET /api/dev/outbox",
          "POST /api/auth/otp",
          "POST /api/auth/otp/verify",
          "POST /api/auth/staff-code",
          "POST /api/auth/logout",
          "GET /api/gates",
          "GET /api/admin/staff",
          "POST /api/admin/staff",
          "PATCH /api/admin/staff/{id}",
          "POST /api/admin/staff/{id}/login-code",
          "GET /api/events/{slug}/ticket-key",
          "POST /api/registrations",
          "GET /api/me/registrations",
          "GET /api/registrations/{id}",
          "DELETE /api/registrations/{id}",
          "POST /api/registrations/{id}/resend",
          "GET /api/registrations/{id}/ticket.png",
          "GET /api/tickets/{ticketId}/qr.png",
          "DELETE /api/me",
          "GET /api/admin/jobs/dead",
          "POST /api/admin/jobs/dead/{id}/replay",
          "POST /api/twilio/status",
          "POST /api/whatsapp/webhook",
          "POST /api/scans",
          "POST /api/scans/image",
          "POST /api/scans/batch",
          "GET /api/scanner/snapshot",
          "GET /api/admin/occupancy",
          "GET /api/admin/conflicts",
          "POST /api/admin/events/{id}/ticket-key/rotate");

  @Test
  void openApiNamesEveryBuiltRouteOfTheContract() {
    Map<String, Map<String, Object>> paths =
        TestServer.api()
            .queryParam("format", "JSON")
            .get("/openapi")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("paths");

    assertThat(paths).isNotNull();
    for (String route : BUILT_ROUTES) {
      String method = route.substring(0, route.indexOf(' ')).toLowerCase();
      String path = route.substring(route.indexOf(' ') + 1);
      assertThat(paths).as("OpenAPI paths").containsKey(path);
      assertThat(paths.get(path)).as(route).containsKey(method);
    }
  }

  @Test
  void everyOperationDeclaresItsSuccessAndEveryErrorAsProblemJson() {
    var document = io.restassured.path.json.JsonPath.from(OpenApiValidation.servedDocument());
    assertThat(document.getMap("paths.'/api/registrations'.post.responses")).containsKey("202");
    assertThat(document.getMap("paths.'/api/registrations/{id}'.delete.responses"))
        .containsKey("204")
        .doesNotContainKey("200");
    assertThat(document.getMap("components.schemas.Problem")).isNotNull();
    Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");
    for (var path : paths.entrySet()) {
      for (var operation : path.getValue().entrySet()) {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> responses =
            (Map<String, Map<String, Object>>) operation.getValue().get("responses");
        for (String error : List.of("400", "401", "403", "404", "409", "429", "500", "503")) {
          assertThat(responses)
              .as(operation.getKey() + " " + path.getKey() + " declares " + error)
              .containsKey(error);
          assertThat(responses.get(error).get("content").toString())
              .contains("application/problem+json");
        }
      }
    }
    // The document is valid OpenAPI (the validator refuses to load an invalid one).
    assertThat(document.getString("openapi")).startsWith("3.");
  }

  @Test
  void theDocumentIsServedFromMemoryWithAnEtagInBothFormats() {
    var yaml = TestServer.api().get("/openapi").then().statusCode(200).extract();
    assertThat(yaml.contentType()).startsWith("application/yaml");
    assertThat(yaml.body().asString()).startsWith("---").contains("/api/scans:");
    assertThat(yaml.header("Cache-Control")).contains("max-age");
    String etag = yaml.header("ETag");
    assertThat(etag).isNotBlank();
    TestServer.api().get("/openapi").then().statusCode(200).header("ETag", equalTo(etag));
    TestServer.api().header("If-None-Match", etag).get("/openapi").then().statusCode(304);
    // Gzipped when asked (RestAssured asks and inflates): the same document, a tenth of the bytes.
    var gzipped = TestServer.api().get("/openapi").then().statusCode(200).extract();
    assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(Integer.parseInt(gzipped.header("Content-Length")))
        .isLessThan(yaml.body().asString().length() / 4);
    assertThat(gzipped.body().asString()).isEqualTo(yaml.body().asString());

    var json =
        TestServer.api()
            .header("Accept", "application/json")
            .get("/openapi")
            .then()
            .statusCode(200)
            .contentType(startsWith("application/json"))
            .extract();
    assertThat(json.header("ETag")).isNotEqualTo(etag);
    assertThat(json.jsonPath().getString("openapi")).startsWith("3.");
    // The same bytes as WildFly's own handler writes, which now answers at /openapi-source.
    assertThat(json.body().asString())
        .isEqualTo(
            TestServer.api()
                .queryParam("format", "JSON")
                .get("/openapi-source")
                .then()
                .statusCode(200)
                .extract()
                .body()
                .asString());

    TestServer.api()
        .queryParam("format", "XML")
        .get("/openapi")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", equalTo("format is JSON or YAML"));
  }
}
