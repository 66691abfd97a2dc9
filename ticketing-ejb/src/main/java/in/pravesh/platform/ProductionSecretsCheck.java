package in.pravesh.platform;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses to start the application outside development mode while a secret is missing or still at
 * its development default: the deployment fails, and readiness reports it.
 */
@Singleton
@Startup
public class ProductionSecretsCheck {

  private static final Logger LOG = Logger.getLogger(ProductionSecretsCheck.class.getName());

  @Inject PraveshConfig config;
  @Inject Config mpConfig;

  @PostConstruct
  void check() {
    if (config.devMode()) {
      LOG.warning(
          "DEVELOPMENT MODE: demo data, message outbox and /api/dev are on. Never in production.");
      return;
    }
    List<String> unsafe =
        ProductionSecrets.unsafe(name -> mpConfig.getOptionalValue(name, String.class));
    if (!unsafe.isEmpty()) {
      String message =
          "Refusing to start: these secrets or settings are missing or at their development"
              + " defaults: "
              + unsafe
              + ". Set them (see README, Configuration) or set TICKETING_DEV_MODE=true for development.";
      LOG.severe(message);
      throw new IllegalStateException(message);
    }
  }
}
