package in.pravesh.platform.api.security;

import in.pravesh.platform.PraveshConfig;
import in.pravesh.platform.ratelimit.RateLimiter;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.util.Set;

/**
 * A generous per-address limit on every write (POST, PUT, PATCH, DELETE), shared by the cluster.
 * Exempt: Twilio's signed callbacks (they all come from Twilio's few addresses) and the gates'
 * scans, which only volunteers' tokens may send and which often share one address (the venue's
 * Wi-Fi): a limit per address would stop every gate at once in the rush.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class WriteRateLimitFilter implements ContainerRequestFilter {

  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final Set<String> EXEMPT =
      Set.of("whatsapp/webhook", "twilio/status", "scans", "scans/image", "scans/batch");

  @Inject RateLimiter rateLimiter;
  @Inject PraveshConfig config;
  @Inject ClientAddresses addresses;
  @Context HttpServletRequest servletRequest;

  @Override
  public void filter(ContainerRequestContext request) {
    if (!WRITES.contains(request.getMethod())
        || EXEMPT.contains(request.getUriInfo().getPath().replaceFirst("^/", ""))) {
      return;
    }
    rateLimiter.acquire(
        "write-address",
        ClientAddresses.rateKey(addresses.resolve(servletRequest)),
        config.perAddressPerMinute(),
        Duration.ofMinutes(1));
  }
}
