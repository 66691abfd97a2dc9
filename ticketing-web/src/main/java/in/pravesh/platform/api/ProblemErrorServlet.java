package in.pravesh.platform.api;

import in.pravesh.platform.ProblemType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The error page for what the container answers before JAX-RS sees the request (web.xml): most of
 * all the server's MicroProfile JWT refusing a malformed, forged or expired token with 401. Gives
 * problem+json like the rest of the API instead of an empty or HTML body.
 */
@WebServlet("/errors/problem")
public class ProblemErrorServlet extends HttpServlet {

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : response.getStatus();
    ProblemType type =
        switch (status) {
          case 401 -> ProblemType.UNAUTHORIZED;
          case 403 -> ProblemType.FORBIDDEN;
          case 404 -> ProblemType.NOT_FOUND;
          case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
          case 503 -> ProblemType.TRY_AGAIN;
          default -> status >= 500 ? ProblemType.INTERNAL : ProblemType.VALIDATION;
        };
    String detail =
        switch (status) {
          case 400 -> "The request cannot be read: its address or text is not valid UTF-8";
          case 401 -> "The access token is missing, malformed, expired or not ours; log in again";
          default -> type.title();
        };
    Problems.write(response, type, status, detail);
  }
}
