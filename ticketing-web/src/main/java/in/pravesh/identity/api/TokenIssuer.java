package in.pravesh.identity.api;

import in.pravesh.identity.application.Identity;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashSet;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Signs access tokens (RS256, smallrye-jwt-build) for an identity. */
@ApplicationScoped
public class TokenIssuer {

  /** The issue time in milliseconds. */
  public static final String ISSUED_AT_MILLIS = "iat_ms";

  @Inject
  @ConfigProperty(name = "ticketing.jwt.issuer", defaultValue = "pravesh")
  String issuer;

  @Inject
  @ConfigProperty(name = "ticketing.jwt.audience", defaultValue = "pravesh-api")
  String audience;

  public AccessToken issue(Identity identity) {
    Instant now = identity.asOf();
    Instant expiresAt = now.plus(identity.tokenLifetime());
    String jti = UUID.randomUUID().toString();
    String token =
        Jwt.issuer(issuer)
            .audience(audience)
            .subject(identity.personId().toString())
            .upn(identity.personId().toString())
            .groups(new HashSet<>(identity.roles()))
            .claim("phone", identity.phone())
            .claim("jti", jti)
            // iat has whole seconds; revocation needs to order a login and a demotion within one.
            .claim(ISSUED_AT_MILLIS, now.toEpochMilli())
            .issuedAt(now.getEpochSecond())
            .expiresAt(expiresAt.getEpochSecond())
            .jws()
            .keyId("pravesh")
            .sign(JwtKeys.privateKey());
    return new AccessToken(token, identity.tokenLifetime().toSeconds(), identity.roles());
  }

  /** A signed token, its lifetime in seconds, and the roles in it. */
  public record AccessToken(String token, long expiresIn, java.util.List<String> roles) {}
}
