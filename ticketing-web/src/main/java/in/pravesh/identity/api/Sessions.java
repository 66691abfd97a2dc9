package in.pravesh.identity.api;

import in.pravesh.identity.application.RevocationCache;
import in.pravesh.identity.application.TokenRevocations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Whether a verified token still stands: revoked tokens (logged out, staff deactivated or demoted,
 * person erased) are refused by the API ({@link RequestSecurityFilter}) and the console alike. The
 * replicated cache answers while it can be trusted for the subject, the database otherwise.
 */
@ApplicationScoped
public class Sessions {

  @Inject RevocationCache revocationCache;
  @Inject TokenRevocations revocations;

  public boolean revoked(JsonWebToken token) {
    Instant issuedAt = issuedAt(token);
    return revocationCache
        .isRevoked(token.getSubject(), token.getTokenID(), issuedAt)
        .orElseGet(
            () -> revocations.revokedInDatabase(token.getSubject(), token.getTokenID(), issuedAt));
  }

  static Instant issuedAt(JsonWebToken token) {
    Object millis = token.getClaim(TokenIssuer.ISSUED_AT_MILLIS);
    if (millis instanceof Number number) {
      return Instant.ofEpochMilli(number.longValue());
    }
    if (millis instanceof jakarta.json.JsonNumber number) {
      return Instant.ofEpochMilli(number.longValue());
    }
    return Instant.ofEpochSecond(token.getIssuedAtTime()).plusMillis(999);
  }
}
