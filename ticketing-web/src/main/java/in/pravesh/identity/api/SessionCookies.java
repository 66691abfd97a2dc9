package in.pravesh.identity.api;

import static in.pravesh.identity.api.RequestSecurityFilter.CSRF_COOKIE;
import static in.pravesh.identity.api.RequestSecurityFilter.SESSION_COOKIE;

import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.RuntimeDelegate;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
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
    return open(
        token, maxAgeSeconds, secure(uri.getBaseUri().getScheme(), uri.getBaseUri().getHost()));
  }

  /** The same cookies as {@code Set-Cookie} header values, for pages served outside JAX-RS. */
  public static List<String> openHeaders(
      String token, long maxAgeSeconds, String scheme, String host) {
    return headers(open(token, maxAgeSeconds, secure(scheme, host)));
  }

  /** Cookies that end the session, as {@code Set-Cookie} header values. */
  public static List<String> clearHeaders(String scheme, String host) {
    return headers(clear(secure(scheme, host)));
  }

  private static NewCookie[] open(String token, long maxAgeSeconds, boolean secure) {
    byte[] csrf = new byte[32];
    RANDOM.nextBytes(csrf);
    return new NewCookie[] {
      cookie(SESSION_COOKIE, token, (int) maxAgeSeconds, true, secure),
      cookie(
          CSRF_COOKIE,
          Base64.getUrlEncoder().withoutPadding().encodeToString(csrf),
          (int) maxAgeSeconds,
          false,
          secure)
    };
  }

  public static NewCookie[] clear(UriInfo uri) {
    return clear(secure(uri.getBaseUri().getScheme(), uri.getBaseUri().getHost()));
  }

  private static NewCookie[] clear(boolean secure) {
    return new NewCookie[] {
      cookie(SESSION_COOKIE, "", 0, true, secure), cookie(CSRF_COOKIE, "", 0, false, secure)
    };
  }

  private static boolean secure(String scheme, String host) {
    return "https".equals(scheme) || !LOCAL_HOSTS.contains(host);
  }

  private static List<String> headers(NewCookie[] cookies) {
    var delegate = RuntimeDelegate.getInstance().createHeaderDelegate(NewCookie.class);
    return java.util.Arrays.stream(cookies).map(delegate::toString).toList();
  }

  private static NewCookie cookie(
      String name, String value, int maxAge, boolean httpOnly, boolean secure) {
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
