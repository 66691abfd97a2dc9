package in.pravesh.platform.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * People inside each event running today ({@code inside/maxInside}, or {@code inside} without a
 * limit), for operators. Never takes the node out of service: a full venue is the gates' business,
 * and the database's own check reports an outage.
 */
@Readiness
@ApplicationScoped
public class OccupancyHealth implements HealthCheck {

  static final String TODAYS_OCCUPANCY =
      "select e.slug, coalesce(o.inside, 0), e.max_inside from event e"
          + " left join occupancy o on o.event_id = e.id"
          + " and o.on_date = (now() at time zone e.time_zone)::date"
          + " where (now() at time zone e.time_zone)::date between e.starts_on and e.ends_on"
          + " order by e.slug limit 50";

  @Resource(lookup = "java:jboss/datasources/PraveshDS")
  DataSource dataSource;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("occupancy").up();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(2);
      try (ResultSet row = statement.executeQuery(TODAYS_OCCUPANCY)) {
        while (row.next()) {
          long inside = row.getLong(2);
          Object max = row.getObject(3);
          response.withData(row.getString(1), max == null ? inside + "" : inside + "/" + max);
        }
      }
    } catch (SQLException e) {
      response.withData("error", String.valueOf(e.getMessage()));
    }
    return response.build();
  }
}
