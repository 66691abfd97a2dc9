package in.pravesh.identity.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * The RSA key pair that signs (the application) and verifies (WildFly's MicroProfile JWT) tokens.
 * Every node of a cluster must use the same one, so it comes from configuration: the private key as
 * PEM text ({@code TICKETING_JWT_PRIVATE_KEY}) or a PEM file ({@code
 * TICKETING_JWT_PRIVATE_KEY_LOCATION}); the public key is derived from it. In development mode
 * without either, a pair is generated once and kept with the server's data ({@code
 * TICKETING_JWT_DEV_KEY_DIR}, default {@code <data dir>/pravesh}), so restarts keep sessions.
 *
 * <p>Read straight from the environment and system properties, because a config source (below
 * MicroProfile Config) needs the public key too.
 */
public final class JwtKeys {

  private static final Logger LOG = Logger.getLogger(JwtKeys.class.getName());
  private static volatile KeyPair keys;

  private JwtKeys() {}

  public static PrivateKey privateKey() {
    return keys().getPrivate();
  }

  public static PublicKey publicKey() {
    return keys().getPublic();
  }

  /** The public key as PEM text, as {@code mp.jwt.verify.publickey} takes it. */
  public static String publicKeyPem() {
    return pem("PUBLIC KEY", publicKey().getEncoded());
  }

  private static KeyPair keys() {
    KeyPair current = keys;
    if (current == null) {
      synchronized (JwtKeys.class) {
        if (keys == null) {
          keys = load(JwtKeys::setting);
        }
        current = keys;
      }
    }
    return current;
  }

  /** Loads the key pair from the settings given (testable without the environment). */
  static KeyPair load(UnaryOperator<String> settings) {
    String pem = settings.apply("ticketing.jwt.private-key");
    String location = settings.apply("ticketing.jwt.private-key.location");
    try {
      if (pem != null && !pem.isBlank()) {
        return fromPrivatePem(pem);
      }
      if (location != null && !location.isBlank()) {
        return fromPrivatePem(Files.readString(Path.of(location), StandardCharsets.US_ASCII));
      }
      if ("true".equalsIgnoreCase(settings.apply("ticketing.dev.mode"))) {
        return developmentKeys(settings);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the JWT private key", e);
    }
    throw new IllegalStateException(
        "Refusing to start: no JWT signing key. Set TICKETING_JWT_PRIVATE_KEY (PEM) or"
            + " TICKETING_JWT_PRIVATE_KEY_LOCATION (a PEM file), the same on every node.");
  }

  private static KeyPair developmentKeys(UnaryOperator<String> settings) throws IOException {
    String dir = settings.apply("ticketing.jwt.dev-key-dir");
    if (dir == null || dir.isBlank()) {
      String dataDir = settings.apply("jboss.server.data.dir");
      dir = (dataDir == null ? System.getProperty("java.io.tmpdir") : dataDir) + "/pravesh";
    }
    Path file = Path.of(dir, "jwt-private.pem");
    if (!Files.exists(file)) {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), "jwt", ".tmp");
        Files.writeString(temporary, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        // Several nodes sharing a key directory: the first one's key wins.
        try {
          Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
          LOG.info("Development JWT key pair generated in " + file);
        } catch (IOException raced) {
          Files.deleteIfExists(temporary);
        }
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("RSA is part of every JDK", e);
      }
    }
    return fromPrivatePem(Files.readString(file, StandardCharsets.US_ASCII));
  }

  static KeyPair fromPrivatePem(String pem) {
    String base64 =
        pem.replaceAll("-----(BEGIN|END) (RSA )?PRIVATE KEY-----", "").replaceAll("\\s", "");
    try {
      KeyFactory factory = KeyFactory.getInstance("RSA");
      PrivateKey privateKey =
          factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
      RSAPrivateCrtKey crt = (RSAPrivateCrtKey) privateKey;
      BigInteger modulus = crt.getModulus();
      PublicKey publicKey =
          factory.generatePublic(new RSAPublicKeySpec(modulus, crt.getPublicExponent()));
      return new KeyPair(publicKey, privateKey);
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new IllegalStateException("The JWT private key is not an RSA key in PKCS#8 PEM", e);
    }
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** A setting from the system properties or the environment (TICKETING_JWT_PRIVATE_KEY...). */
  private static String setting(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      value = System.getenv(name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
    }
    return value;
  }
}
