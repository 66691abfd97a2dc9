package in.pravesh.identity.api;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Clock;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * WildFly's MicroProfile JWT mechanism with verified tokens remembered ({@link VerifiedTokens}): a
 * token sent again is not parsed and its RSA signature not checked again until it expires. The
 * mechanism finds this factory through {@code META-INF/services}, with the web module's class
 * loader. Revocation and roles are still checked on every request (RequestSecurityFilter). {@code
 * ticketing.jwt.remembered} (default 10,000; 0 turns it off) bounds how many are kept.
 */
public class RememberingJwtFactory extends DefaultJWTCallerPrincipalFactory {

  private static final VerifiedTokens<JWTCallerPrincipal> VERIFIED =
      new VerifiedTokens<>(
          ConfigProvider.getConfig()
              .getOptionalValue("ticketing.jwt.remembered", Integer.class)
              .orElse(10_000),
          Clock.systemUTC());

  @Override
  public JWTCallerPrincipal parse(String token, JWTAuthContextInfo settings) throws ParseException {
    return VERIFIED.verify(
        token, settings, () -> super.parse(token, settings), JsonWebToken::getExpirationTime);
  }
}
