package in.pravesh.identity.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtKeysTest {

  @Test
  void developmentModeGeneratesAPairOnceAndKeepsIt(@TempDir Path dir) throws Exception {
    Map<String, String> settings =
        Map.of("ticketing.dev.mode", "true", "ticketing.jwt.dev-key-dir", dir.toString());

    KeyPair first = JwtKeys.load(settings::get);
    KeyPair second = JwtKeys.load(settings::get);

    assertThat(Files.exists(dir.resolve("jwt-private.pem"))).isTrue();
    assertThat(second.getPrivate().getEncoded()).isEqualTo(first.getPrivate().getEncoded());
    assertThat(verifies(first)).isTrue();
  }

  @Test
  void aConfiguredPemGivesTheSamePairOnEveryNodeWithItsPublicKeyDerived(@TempDir Path dir)
      throws Exception {
    KeyPair generated =
        JwtKeys.load(
            Map.of("ticketing.dev.mode", "true", "ticketing.jwt.dev-key-dir", dir.toString())::get);
    String pem = JwtKeys.pem("PRIVATE KEY", generated.getPrivate().getEncoded());

    KeyPair fromEnvironment = JwtKeys.load(Map.of("ticketing.jwt.private-key", pem)::get);
    KeyPair fromFile =
        JwtKeys.load(
            Map.of("ticketing.jwt.private-key.location", dir.resolve("jwt-private.pem").toString())
                ::get);

    assertThat(fromEnvironment.getPublic().getEncoded())
        .isEqualTo(generated.getPublic().getEncoded());
    assertThat(fromFile.getPublic().getEncoded()).isEqualTo(generated.getPublic().getEncoded());
  }

  @Test
  void outsideDevelopmentModeAMissingKeyRefusesToStart() {
    assertThatThrownBy(() -> JwtKeys.load(Map.<String, String>of()::get))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("TICKETING_JWT_PRIVATE_KEY");
  }

  @Test
  void aKeyThatIsNotRsaPkcs8IsRefusedClearly() {
    assertThatThrownBy(
            () ->
                JwtKeys.load(
                    Map.of(
                            "ticketing.jwt.private-key",
                            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")
                        ::get))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("PKCS#8");
  }

  private static boolean verifies(KeyPair pair) throws Exception {
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(pair.getPrivate());
    signer.update("hello".getBytes());
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(pair.getPublic());
    verifier.update("hello".getBytes());
    return verifier.verify(signature);
  }
}
