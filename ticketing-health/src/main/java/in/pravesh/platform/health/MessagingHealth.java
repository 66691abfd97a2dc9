package in.pravesh.platform.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The hourly message budgets, for operators: how much of each budget (login, ticket, broadcast)
 * this hour has used, and whether one is used up. Never takes the node out of service (logins by
 * staff code and everything else still work; tickets over budget wait for the next hour).
 */
@Readiness
@ApplicationScoped
public class MessagingHealth implements HealthCheck {

  @Resource(lookup = "java:jboss/datasources/PraveshDS")
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "ticketing.messages.login-per-hour", defaultValue = "3000")
  long loginPerHour;

  @Inject
  @ConfigProperty(name = "ticketing.messages.tickets-per-hour", defaultValue = "5000")
  long ticketsPerHour;

  @Inject
  @ConfigProperty(name = "ticketing.messages.broadcasts-per-hour", defaultValue = "5000")
  long broadcastsPerHour;

  @Override
  public HealthCheckResponse call() {
    Map<String, Long> caps =
        Map.of("login", loginPerHour, "ticket", ticketsPerHour, "broadcast", broadcastsPerHour);
    var response = HealthCheckResponse.named("messaging").up();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(2);
      ResultSet rows =
          statement.executeQuery(
              "select budget, used from message_budget where hour = date_trunc('hour', now())");
      Map<String, Long> used = new HashMap<>();
      while (rows.next()) {
        used.put(rows.getString(1), rows.getLong(2));
      }
      boolean reached = false;
      for (var cap : caps.entrySet()) {
        long usedNow = used.getOrDefault(cap.getKey(), 0L);
        response.withData(cap.getKey() + "UsedThisHour", usedNow);
        response.withData(cap.getKey() + "PerHour", cap.getValue());
        reached |= usedNow >= cap.getValue();
      }
      return response.withData("capReached", reached).build();
    } catch (SQLException e) {
      return response.withData("error", String.valueOf(e.getMessage())).build();
    }
  }
}
