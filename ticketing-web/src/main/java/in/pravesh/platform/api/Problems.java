package in.pravesh.platform.api;

import in.pravesh.platform.ProblemType;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 9457 problem details in the contract's shape: type, title, status, detail, extensions. */
public final class Problems {

  public static final String MEDIA_TYPE = "application/problem+json";

  private Problems() {}

  /** Writes a problem from a servlet, outside JAX-RS. */
  public static void write(
      HttpServletResponse response, ProblemType type, int status, String detail)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MEDIA_TYPE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(Json.JSONB.toJson(body(type, status, detail, Map.of())));
  }

  public static Response response(ProblemType type, String detail) {
    return response(type, detail, Map.of());
  }

  public static Response response(ProblemType type, String detail, Map<String, ?> extensions) {
    return builder(type, detail, extensions).build();
  }

  /** A builder, for answers that add headers (Allow, Retry-After). */
  public static Response.ResponseBuilder builder(
      ProblemType type, String detail, Map<String, ?> extensions) {
    return builder(type, type.status(), detail, extensions);
  }

  /**
   * A builder for a status other than the type's own (405 and 406, which have no type of their own
   * in the contract).
   */
  public static Response.ResponseBuilder builder(
      ProblemType type, int status, String detail, Map<String, ?> extensions) {
    return Response.status(status).type(MEDIA_TYPE).entity(body(type, status, detail, extensions));
  }

  public static Map<String, Object> body(
      ProblemType type, int status, String detail, Map<String, ?> extensions) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type.uri());
    body.put("title", type.title());
    body.put("status", status);
    body.put("detail", detail);
    extensions.forEach(body::putIfAbsent);
    return body;
  }

  /** Made on first use: the JAX-RS side of this class needs no JSON-B provider. */
  private static final class Json {
    static final Jsonb JSONB = JsonbBuilder.create();
  }
}
