package in.pravesh.identity.api;

import static in.pravesh.identity.api.RequestSecurityFilter.CSRF_COOKIE;
import static in.pravesh.identity.api.RequestSecurityFilter.SESSION_COOKIE;

import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriInfo;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The browser's session: the token in an HttpOnly, SameSite=Strict cookie, and a readable CSRF
 * cookie whose value the page echoes in {@code X-CSRF-Token}. Secure except on localhost.
 */
public final class SessionCookies {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private SessionCookies() {}

  static NewCookie[] open(String token, long maxAgeSeconds, UriInfo uri) {
    byte[] csrf = new byte[32];
    RANDOM.nextBytes(csrf);
    return new NewCookie[] {
      cookie(SESSION_COOKIE, token, (int) maxAgeSeconds, true, uri),
      cookie(
          CSRF_COOKIE,
          Base64.getUrlEncoder().withoutPadding().encodeToString(csrf),
          (int) maxAgeSeconds,
          false,
          uri)
    };
  }

  public static NewCookie[] clear(UriInfo uri) {
    return new NewCookie[] {
      cookie(SESSION_COOKIE, "", 0, true, uri), cookie(CSRF_COOKIE, "", 0, false, uri)
    };
  }

  private static NewCookie cookie(
      String name, String value, int maxAge, boolean httpOnly, UriInfo uri) {
    boolean secure =
        "https".equals(uri.getBaseUri().getScheme())
            || !LOCAL_HOSTS.contains(uri.getBaseUri().getHost());
    return new NewCookie.Builder(name)
        .value(value)
        .path("/")
        .maxAge(maxAge)
        .httpOnly(httpOnly)
        .secure(secure)
        .sameSite(NewCookie.SameSite.STRICT)
        .build();
  }
}
