package in.pravesh.platform.api;

import in.pravesh.platform.ProblemType;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Refuses text that no column can hold before it reaches a resource: a NUL character, or bytes that
 * are not UTF-8, anywhere in the path, the query, a header, or a JSON, form or text body (the
 * database refuses a 0x00 in text, and a stack trace is not an answer). Binary bodies (photos) are
 * left to their routes. Runs after {@link BodyLimitFilter}, so a body it reads is already bounded.
 */
@Provider
@Priority(Priorities.USER + 100)
public class TextInputFilter implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    String problem = problemIn(request);
    if (problem != null) {
      request.abortWith(Problems.response(ProblemType.VALIDATION, problem));
    }
  }

  private static String problemIn(ContainerRequestContext request) throws IOException {
    var uri = request.getUriInfo().getRequestUri();
    if (!TextInput.isCleanPercentEncoded(uri.getRawPath())) {
      return "The path holds a NUL character or bytes that are not UTF-8";
    }
    if (uri.getRawQuery() != null && !TextInput.isCleanPercentEncoded(uri.getRawQuery())) {
      return "The query holds a NUL character or bytes that are not UTF-8";
    }
    for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
      for (String value : header.getValue()) {
        if (value != null && value.indexOf('\0') >= 0) {
          return "The header " + header.getKey() + " holds a NUL character";
        }
      }
    }
    MediaType type = request.getMediaType();
    if (!request.hasEntity() || type == null || !isText(type)) {
      return null;
    }
    byte[] body = request.getEntityStream().readAllBytes();
    request.setEntityStream(new ByteArrayInputStream(body));
    boolean clean =
        type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
            ? TextInput.isCleanPercentEncoded(
                new String(body, java.nio.charset.StandardCharsets.ISO_8859_1))
            : TextInput.isCleanUtf8(body) && !TextInput.hasJsonNulEscape(body);
    return clean ? null : "The body holds a NUL character or bytes that are not UTF-8";
  }

  private static boolean isText(MediaType type) {
    return type.getType().equals("text")
        || type.isCompatible(MediaType.APPLICATION_JSON_TYPE)
        || type.getSubtype().endsWith("+json")
        || type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
  }
}
