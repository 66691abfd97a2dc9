package in.pravesh.platform.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The hourly message cap, for operators: how many messages went out in the last hour against the
 * cap, and whether sending has stopped. Never takes the node out of service (logins by staff code
 * and everything else still work).
 */
@Readiness
@ApplicationScoped
public class MessagingHealth implements HealthCheck {

  @Resource(lookup = "java:jboss/datasources/PraveshDS")
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "ticketing.messages.max-per-hour", defaultValue = "5000")
  long maxPerHour;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("messaging").up().withData("capPerHour", maxPerHour);
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(2);
      ResultSet rows =
          statement.executeQuery(
              "select count(*) from message where created_at > now() - interval '1 hour'");
      rows.next();
      long lastHour = rows.getLong(1);
      return response
          .withData("sentLastHour", lastHour)
          .withData("capReached", lastHour >= maxPerHour)
          .build();
    } catch (SQLException e) {
      return response.withData("error", String.valueOf(e.getMessage())).build();
    }
  }
}
