package in.pravesh.identity.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Settings of logins and limits (README, Configuration). */
@ApplicationScoped
public class IdentityConfig {

  @Inject
  @ConfigProperty(name = "ticketing.phone.country-codes", defaultValue = "91")
  String countryCodes;

  @Inject
  @ConfigProperty(name = "ticketing.otp.pepper", defaultValue = "dev-otp-pepper")
  String otpPepper;

  @Inject
  @ConfigProperty(name = "ticketing.otp.requests-per-phone", defaultValue = "3")
  int otpRequestsPerPhone;

  @Inject
  @ConfigProperty(name = "ticketing.otp.requests-per-phone-all-addresses", defaultValue = "10")
  int otpRequestsPerPhoneAllAddresses;

  @Inject
  @ConfigProperty(name = "ticketing.otp.verifications-per-phone-all-addresses", defaultValue = "30")
  int verificationsPerPhoneAllAddresses;

  @Inject
  @ConfigProperty(name = "ticketing.otp.requests-per-address-per-hour", defaultValue = "300")
  int otpRequestsPerAddressPerHour;

  @Inject
  @ConfigProperty(name = "ticketing.otp.verifications-per-phone", defaultValue = "10")
  int verificationsPerPhone;

  @Inject
  @ConfigProperty(name = "ticketing.jwt.visitor-token-minutes", defaultValue = "60")
  long visitorTokenMinutes;

  @Inject
  @ConfigProperty(name = "ticketing.jwt.staff-token-hours", defaultValue = "12")
  long staffTokenHours;

  @Inject
  @ConfigProperty(name = "ticketing.staff.login-code-minutes", defaultValue = "30")
  long staffLoginCodeMinutes;

  /** The window of the per-phone OTP limits. */
  public static final Duration OTP_WINDOW = Duration.ofMinutes(10);

  public Set<String> countryCodes() {
    return Arrays.stream(countryCodes.split(","))
        .map(code -> code.strip().replace("+", ""))
        .filter(code -> !code.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  public String otpPepper() {
    return otpPepper;
  }

  /** Code requests per phone from one client address (per {@link #OTP_WINDOW}). */
  public int otpRequestsPerPhone() {
    return otpRequestsPerPhone;
  }

  /** Code requests per phone from all addresses: the backstop. */
  public int otpRequestsPerPhoneAllAddresses() {
    return otpRequestsPerPhoneAllAddresses;
  }

  /**
   * Code requests per client address per hour: one address may not use up more than a tenth of the
   * hour's login-code budget (3,000 by default), however many phones it names.
   */
  public int otpRequestsPerAddressPerHour() {
    return otpRequestsPerAddressPerHour;
  }

  /** Code checks per phone from all addresses per hour: the backstop. */
  public int verificationsPerPhoneAllAddresses() {
    return verificationsPerPhoneAllAddresses;
  }

  /** Code checks per phone from one client address. */
  public int verificationsPerPhone() {
    return verificationsPerPhone;
  }

  public Duration tokenLifetime(boolean staff) {
    return staff ? Duration.ofHours(staffTokenHours) : Duration.ofMinutes(visitorTokenMinutes);
  }

  /** The longest any token lives: how long a revocation must be remembered. */
  public Duration longestTokenLifetime() {
    return tokenLifetime(true).compareTo(tokenLifetime(false)) > 0
        ? tokenLifetime(true)
        : tokenLifetime(false);
  }

  public Duration staffLoginCodeLifetime() {
    return Duration.ofMinutes(staffLoginCodeMinutes);
  }
}
