package in.pravesh.it;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Every response an integration test receives from an {@code /api/} route is checked against the
 * OpenAPI document the server serves (Atlassian's swagger-request-validator): its status must be
 * declared for the operation, and its media type and body must be what the document says. The
 * requests are not checked (tests send bad ones on purpose). Installed for every RestAssured call
 * by {@link TestServer}.
 */
final class OpenApiValidation implements Filter {

  private volatile OpenApiValidationFilter validator;

  @Override
  public Response filter(
      FilterableRequestSpecification request,
      FilterableResponseSpecification response,
      FilterContext context) {
    if (!URI.create(request.getURI()).getPath().startsWith("/api/")) {
      return context.next(request, response);
    }
    return validator().filter(request, response, context);
  }

  private OpenApiValidationFilter validator() {
    OpenApiValidationFilter current = validator;
    if (current == null) {
      synchronized (this) {
        if (validator == null) {
          validator =
              new OpenApiValidationFilter(
                  OpenApiInteractionValidator.createForInlineApiSpecification(servedDocument())
                      .withLevelResolver(
                          LevelResolver.create()
                              .withLevel("validation.request", ValidationReport.Level.IGNORE)
                              .withLevel("validation.response", ValidationReport.Level.ERROR)
                              .build())
                      .build());
        }
        current = validator;
      }
    }
    return current;
  }

  /**
   * The served document, less three empty metadata objects that WildFly 39 adds to every served
   * document whatever the application declares ({@code info.license}, {@code info.contact}, {@code
   * externalDocs}: the parser refuses a license without a name). Nothing about the routes is
   * changed.
   */
  static String servedDocument() {
    try {
      String json =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(TestServer.HTTP + "/openapi?format=JSON"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode document = (ObjectNode) mapper.readTree(json);
      ObjectNode info = (ObjectNode) document.get("info");
      for (String empty : new String[] {"license", "contact"}) {
        if (info != null && info.has(empty) && info.get(empty).isEmpty()) {
          info.remove(empty);
        }
      }
      if (document.has("externalDocs") && document.get("externalDocs").isEmpty()) {
        document.remove("externalDocs");
      }
      return mapper.writeValueAsString(document);
    } catch (Exception e) {
      throw new IllegalStateException("The served OpenAPI document could not be read", e);
    }
  }
}
