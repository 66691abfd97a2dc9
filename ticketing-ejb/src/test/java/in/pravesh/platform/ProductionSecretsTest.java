package in.pravesh.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProductionSecretsTest {

  @Test
  void missingSecretsAreUnsafe() {
    assertThat(ProductionSecrets.unsafe(name -> Optional.empty()))
        .containsExactly(
            "ticketing.db.password",
            "ticketing.messaging.cluster-password",
            "ticketing.otp.pepper",
            "ticketing.twilio.auth-token");
  }

  @Test
  void developmentDefaultsAndBlanksAreUnsafe() {
    Map<String, String> config =
        Map.of(
            "ticketing.db.password", "pravesh",
            "ticketing.messaging.cluster-password", "long-random-cluster-secret",
            "ticketing.otp.pepper", "a-real-pepper",
            "ticketing.twilio.auth-token", "  ");

    assertThat(ProductionSecrets.unsafe(name -> Optional.ofNullable(config.get(name))))
        .containsExactly("ticketing.db.password", "ticketing.twilio.auth-token");
  }

  @Test
  void realSecretsAreSafe() {
    Map<String, String> config =
        Map.of(
            "ticketing.db.password", "s3cret-db",
            "ticketing.messaging.cluster-password", "long-random-cluster-secret",
            "ticketing.otp.pepper", "a-real-pepper",
            "ticketing.twilio.auth-token", "a1b2c3");

    assertThat(ProductionSecrets.unsafe(name -> Optional.ofNullable(config.get(name)))).isEmpty();
  }
}
