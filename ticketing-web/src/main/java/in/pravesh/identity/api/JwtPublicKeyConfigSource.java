package in.pravesh.identity.api;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives WildFly's MicroProfile JWT the public key that verifies our tokens ({@code
 * mp.jwt.verify.publickey}), derived from the signing key ({@link JwtKeys}), so that signing and
 * verifying can never disagree. An operator's own {@code MP_JWT_VERIFY_PUBLICKEY} still wins
 * (environment variables have a higher ordinal).
 */
public class JwtPublicKeyConfigSource implements ConfigSource {

  static final String PROPERTY = "mp.jwt.verify.publickey";

  @Override
  public Set<String> getPropertyNames() {
    return Set.of(PROPERTY);
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.of(PROPERTY, JwtKeys.publicKeyPem());
  }

  @Override
  public String getValue(String propertyName) {
    return PROPERTY.equals(propertyName) ? JwtKeys.publicKeyPem() : null;
  }

  @Override
  public String getName() {
    return "pravesh-jwt-public-key";
  }

  @Override
  public int getOrdinal() {
    return 150;
  }
}
