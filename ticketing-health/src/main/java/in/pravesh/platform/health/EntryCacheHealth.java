package in.pravesh.platform.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.infinispan.Cache;

/**
 * Reports the replicated entry cache's state without ever taking the node out of service: when the
 * cache is degraded (a minority partition) the database alone still admits correctly, so this check
 * stays UP and says {@code availability: DEGRADED_MODE} for operators and alerts.
 */
@Readiness
@ApplicationScoped
public class EntryCacheHealth implements HealthCheck {

  @Resource(lookup = "java:jboss/infinispan/cache/pravesh/entry")
  Cache<String, String> entryCache;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("entry-cache").up();
    try {
      // AvailabilityMode is not exported by WildFly's public org.infinispan module: read its name.
      Object availability = entryCache.getAdvancedCache().getAvailability();
      String mode = String.valueOf(availability);
      var members = entryCache.getCacheManager().getMembers();
      return response
          .withData("availability", mode)
          .withData("degraded", !"AVAILABLE".equals(mode))
          .withData("members", members == null ? 1 : members.size())
          .build();
    } catch (RuntimeException e) {
      return response
          .withData("availability", "UNKNOWN")
          .withData("degraded", true)
          .withData("error", String.valueOf(e.getMessage()))
          .build();
    }
  }
}
