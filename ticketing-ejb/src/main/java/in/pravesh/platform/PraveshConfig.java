package in.pravesh.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Application settings read through MicroProfile Config: each property can be set by the
 * environment variable of the same name in upper case with underscores ({@code ticketing.dev.mode}
 * = {@code TICKETING_DEV_MODE}). The README's configuration table lists them all.
 */
@ApplicationScoped
public class PraveshConfig {

  @Inject
  @ConfigProperty(name = "ticketing.dev.mode", defaultValue = "false")
  boolean devMode;

  @Inject
  @ConfigProperty(name = "ticketing.public.base-url", defaultValue = "http://localhost:8080")
  String publicBaseUrl;

  @Inject
  @ConfigProperty(name = "ticketing.rate.per-address-per-minute", defaultValue = "600")
  int perAddressPerMinute;

  /** Development mode: demo data, the message outbox and /api/dev. Never on in production. */
  public boolean devMode() {
    return devMode;
  }

  /** The address visitors use to reach us; links in messages start with it. */
  public String publicBaseUrl() {
    return publicBaseUrl;
  }

  /** Requests of one kind per client address and minute (writes, login codes, code checks). */
  public int perAddressPerMinute() {
    return perAddressPerMinute;
  }
}
