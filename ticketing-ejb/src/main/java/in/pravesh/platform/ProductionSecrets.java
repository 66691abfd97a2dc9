package in.pravesh.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The secrets (and two settings) that must never keep their development defaults outside
 * development mode. The list grows with each context that has a secret; {@link
 * ProductionSecretsCheck} refuses to start on any of them.
 */
public final class ProductionSecrets {

  /** Property name to the development default that must not be used in production. */
  static final Map<String, String> DEVELOPMENT_DEFAULTS =
      Map.of(
          "ticketing.db.password", "pravesh",
          "ticketing.messaging.cluster-password", "pravesh-dev-cluster",
          "ticketing.otp.pepper", "dev-otp-pepper",
          "ticketing.ticket-key-secret", "dev-ticket-key-secret",
          "ticketing.link-secret", "dev-link-secret",
          "ticketing.twilio.auth-token", "dev-twilio-token",
          "ticketing.cluster.secret", "pravesh-dev-cluster-secret",
          // Not secrets, but a node on these defaults is broken: links that point at localhost,
          // and XA recovery mixed up between nodes that share transaction node id 1.
          "ticketing.public.base-url", "http://localhost:8080",
          "jboss.tx.node.id", "1");

  private ProductionSecrets() {}

  /**
   * The names of secrets that are missing, blank or still at their development default.
   *
   * @param lookup reads one property (empty when unset)
   */
  public static List<String> unsafe(Function<String, Optional<String>> lookup) {
    List<String> unsafe = new ArrayList<>();
    DEVELOPMENT_DEFAULTS.forEach(
        (name, devDefault) -> {
          String value = lookup.apply(name).map(String::strip).orElse("");
          if (value.isEmpty() || value.equals(devDefault)) {
            unsafe.add(name);
          }
        });
    unsafe.sort(null);
    return unsafe;
  }
}
