package in.pravesh.platform.api;

import in.pravesh.platform.ProblemType;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Declares on every operation of the served OpenAPI document the error answers any route can give
 * (RFC 9457 problem details, api.md Conventions), with the one problem schema: a client generated
 * from the document handles every error. Success answers are declared on the resources. The
 * integration tests check every response they receive against this document.
 */
public class OpenApiAnswers implements OASFilter {

  static final String PROBLEM = "Problem";

  /** The error answers of every route: what the filters, mappers and the container may answer. */
  private static final Map<String, String> ERRORS =
      Map.ofEntries(
          Map.entry("400", ProblemType.VALIDATION.title()),
          Map.entry("401", ProblemType.UNAUTHORIZED.title()),
          Map.entry("403", ProblemType.FORBIDDEN.title()),
          Map.entry("404", ProblemType.NOT_FOUND.title()),
          Map.entry("405", "Method not allowed"),
          Map.entry("406", "Not acceptable: this route answers JSON"),
          Map.entry("409", "Conflict (slot full, already registered, already admitted, ...)"),
          Map.entry("413", ProblemType.PAYLOAD_TOO_LARGE.title()),
          Map.entry("415", ProblemType.UNSUPPORTED_MEDIA_TYPE.title()),
          Map.entry("429", ProblemType.RATE_LIMITED.title()),
          Map.entry("500", ProblemType.INTERNAL.title()),
          Map.entry("503", ProblemType.TRY_AGAIN.title()));

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    Components components = openApi.getComponents();
    if (components == null) {
      components = OASFactory.createComponents();
      openApi.setComponents(components);
    }
    components.addSchema(PROBLEM, problemSchema());
    if (openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
      return;
    }
    openApi
        .getPaths()
        .getPathItems()
        .values()
        .forEach(item -> item.getOperations().values().forEach(OpenApiAnswers::declareErrors));
  }

  private static void declareErrors(Operation operation) {
    APIResponses responses = operation.getResponses();
    if (responses == null) {
      responses = OASFactory.createAPIResponses();
      operation.setResponses(responses);
    }
    for (var error : ERRORS.entrySet()) {
      APIResponse response = responses.getAPIResponse(error.getKey());
      if (response == null) {
        response = OASFactory.createAPIResponse().description(error.getValue());
        responses.addAPIResponse(error.getKey(), response);
      }
      response.setContent(
          OASFactory.createContent()
              .addMediaType(
                  Problems.MEDIA_TYPE,
                  OASFactory.createMediaType()
                      .schema(OASFactory.createSchema().ref("#/components/schemas/" + PROBLEM))));
    }
  }

  private static Schema problemSchema() {
    Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    return OASFactory.createSchema()
        .addType(Schema.SchemaType.OBJECT)
        .description("RFC 9457 problem details; type is urn:pravesh:problem:<name>")
        // Problems carry extension members (remaining, retryAfterSeconds, registrationId, ...).
        .additionalPropertiesBoolean(Boolean.TRUE)
        .addRequired("type")
        .addRequired("title")
        .addRequired("status")
        .addProperty("type", string)
        .addProperty("title", string)
        .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
        .addProperty("detail", string)
        .addProperty("incidentId", string)
        .addProperty(
            "errors",
            OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("Invalid fields and what is wrong with each"));
  }
}
