package in.pravesh.identity.api;

import in.pravesh.platform.ProblemType;
import in.pravesh.platform.api.Problems;
import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What the server's MicroProfile JWT leaves to us, before the role check:
 *
 * <ul>
 *   <li>a route that needs a role and has no valid token: 401 as problem+json (not the role check's
 *       403);
 *   <li>a revoked token (staff deactivated or demoted, logged out, erased): 401 on a route that
 *       needs a role; on a public route (log in, log out) the caller is anonymous, so a person
 *       whose token was revoked can log in again on that device; either way a revoked session
 *       cookie is cleared;
 *   <li>a state-changing call authenticated by the session cookie must carry {@code X-CSRF-Token}
 *       equal to the {@code pravesh_csrf} cookie (double submit): else 403.
 * </ul>
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class RequestSecurityFilter implements ContainerRequestFilter, ContainerResponseFilter {

  public static final String SESSION_COOKIE = "pravesh_session";
  public static final String CSRF_COOKIE = "pravesh_csrf";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  private static final String CLEAR_SESSION = RequestSecurityFilter.class.getName() + ".clear";

  @Context ResourceInfo resourceInfo;
  @Context UriInfo uri;
  @Inject Sessions sessions;

  @Override
  public void filter(ContainerRequestContext request) {
    var principal = request.getSecurityContext().getUserPrincipal();
    if (principal instanceof JsonWebToken token) {
      boolean byCookie = cookieAuthenticated(request, token);
      if (sessions.revoked(token)) {
        if (byCookie) {
          request.setProperty(CLEAR_SESSION, Boolean.TRUE);
        }
        if (needsRole()) {
          request.abortWith(unauthorized("This session has ended; log in again"));
        } else {
          request.setSecurityContext(new Anonymous(request.getSecurityContext()));
        }
        return;
      }
      // The cookie authenticated whenever it holds the token, whatever other headers say.
      if (!SAFE_METHODS.contains(request.getMethod()) && byCookie && !csrfTokenMatches(request)) {
        request.abortWith(
            Problems.response(
                ProblemType.FORBIDDEN,
                "A change made with the session cookie needs the X-CSRF-Token header"));
      }
    } else if (needsRole()) {
      request.abortWith(unauthorized("Log in first: this needs a valid access token"));
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (Boolean.TRUE.equals(request.getProperty(CLEAR_SESSION))
        && !response.getHeaders().containsKey(HttpHeaders.SET_COOKIE)) {
      for (NewCookie cookie : SessionCookies.clear(uri)) {
        response.getHeaders().add(HttpHeaders.SET_COOKIE, cookie);
      }
    }
  }

  /**
   * Whether the session cookie is what authenticated: unless the Authorization header carries this
   * very token, it was a cookie (whichever of several a request may carry).
   */
  private static boolean cookieAuthenticated(ContainerRequestContext request, JsonWebToken token) {
    String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    return authorization == null || !authorization.strip().equals("Bearer " + token.getRawToken());
  }

  /**
   * When the token was issued, to the millisecond when it says (older tokens: end of the second).
   */
  private boolean needsRole() {
    if (resourceInfo == null || resourceInfo.getResourceMethod() == null) {
      return false;
    }
    return resourceInfo.getResourceMethod().isAnnotationPresent(RolesAllowed.class)
        || (resourceInfo.getResourceClass().isAnnotationPresent(RolesAllowed.class)
            && !resourceInfo
                .getResourceMethod()
                .isAnnotationPresent(jakarta.annotation.security.PermitAll.class));
  }

  private static boolean csrfTokenMatches(ContainerRequestContext request) {
    Cookie cookie = request.getCookies().get(CSRF_COOKIE);
    String header = request.getHeaderString(CSRF_HEADER);
    return cookie != null
        && header != null
        && !header.isEmpty()
        && MessageDigest.isEqual(
            cookie.getValue().getBytes(StandardCharsets.UTF_8),
            header.getBytes(StandardCharsets.UTF_8));
  }

  private static jakarta.ws.rs.core.Response unauthorized(String detail) {
    return Problems.builder(ProblemType.UNAUTHORIZED, detail, Map.of())
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .build();
  }

  /** The caller as anonymous: a revoked token on a public route. */
  private record Anonymous(SecurityContext original) implements SecurityContext {
    @Override
    public java.security.Principal getUserPrincipal() {
      return null;
    }

    @Override
    public boolean isUserInRole(String role) {
      return false;
    }

    @Override
    public boolean isSecure() {
      return original.isSecure();
    }

    @Override
    public String getAuthenticationScheme() {
      return null;
    }
  }
}
