package in.pravesh.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProductionSecretsTest {

  private static final List<String> SECRETS =
      ProductionSecrets.DEVELOPMENT_DEFAULTS.keySet().stream().sorted().toList();

  @Test
  void theSecretsAreThoseOfTheReadme() {
    assertThat(SECRETS)
        .containsExactly(
            "jboss.tx.node.id",
            "ticketing.cluster.secret",
            "ticketing.db.password",
            "ticketing.link-secret",
            "ticketing.messaging.cluster-password",
            "ticketing.otp.pepper",
            "ticketing.public.base-url",
            "ticketing.ticket-key-secret",
            "ticketing.twilio.auth-token");
  }

  @Test
  void missingSecretsAreUnsafe() {
    assertThat(ProductionSecrets.unsafe(name -> Optional.empty())).isEqualTo(SECRETS);
  }

  @Test
  void developmentDefaultsAndBlanksAreUnsafe() {
    Map<String, String> config = realSecrets();
    config.put("ticketing.db.password", "pravesh");
    config.put("ticketing.twilio.auth-token", "  ");

    assertThat(ProductionSecrets.unsafe(name -> Optional.ofNullable(config.get(name))))
        .containsExactly("ticketing.db.password", "ticketing.twilio.auth-token");
  }

  @Test
  void realSecretsAreSafe() {
    Map<String, String> config = realSecrets();

    assertThat(ProductionSecrets.unsafe(name -> Optional.ofNullable(config.get(name)))).isEmpty();
  }

  private static Map<String, String> realSecrets() {
    Map<String, String> config = new HashMap<>();
    SECRETS.forEach(name -> config.put(name, "a-real-" + name.hashCode()));
    return config;
  }
}
