package in.pravesh.console;

import in.pravesh.identity.api.Sessions;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The operations console is for admins: every page but the sign-in page needs the session cookie's
 * token, verified by MicroProfile JWT, with the admin role and not revoked (the same check as the
 * API's). Anyone else is sent to sign in. Pages are never cached.
 */
@WebFilter("/admin/*")
public class ConsoleGuard extends HttpFilter {

  static final String LOGIN = "/admin/login.xhtml";

  @Inject Sessions sessions;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
            + " frame-ancestors 'none'; form-action 'self'");
    if ("POST".equals(request.getMethod()) && !sameOrigin(request)) {
      // Faces' view state and the SameSite cookie stand against forged forms; this too.
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    // The servlet path has no path parameters (a ;jsessionid would hide the sign-in page).
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    if (path.equals("/admin") || path.equals("/admin/")) {
      response.sendRedirect(request.getContextPath() + "/admin/index.xhtml");
      return;
    }
    if (path.equals(LOGIN)) {
      chain.doFilter(request, response);
      return;
    }
    if (admin(request)) {
      chain.doFilter(request, response);
    } else {
      response.sendRedirect(request.getContextPath() + LOGIN);
    }
  }

  /**
   * A browser says where a POST's form came from (Fetch Metadata); another site's is refused.
   * Behind a TLS-terminating proxy the Origin would not match this server's own scheme, so the
   * header browsers send for exactly this question is the one read.
   */
  private static boolean sameOrigin(HttpServletRequest request) {
    String site = request.getHeader("Sec-Fetch-Site");
    return site == null || site.equals("same-origin") || site.equals("none");
  }

  private boolean admin(HttpServletRequest request) {
    return request.getUserPrincipal() instanceof JsonWebToken token
        && token.getGroups().contains("admin")
        && !sessions.revoked(token);
  }
}
