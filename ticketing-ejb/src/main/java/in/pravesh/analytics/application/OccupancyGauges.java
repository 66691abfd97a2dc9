package in.pravesh.analytics.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Metrics {@code pravesh_occupancy_inside} and {@code pravesh_occupancy_max} per event running
 * today (tag {@code event}: its slug), read every 5 seconds from the counts the scans maintain.
 */
@ApplicationScoped
public class OccupancyGauges {

  private static final Logger LOG = Logger.getLogger(OccupancyGauges.class.getName());

  @Inject MeterRegistry metrics;
  @Resource ManagedScheduledExecutorService scheduler;

  @Resource(lookup = "java:jboss/datasources/PraveshDS")
  DataSource dataSource;

  private MultiGauge inside;
  private MultiGauge max;
  private ScheduledFuture<?> refresher;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // Creates the bean (and runs @PostConstruct) at startup.
  }

  @PostConstruct
  void start() {
    inside = MultiGauge.builder("pravesh_occupancy_inside").register(metrics);
    max = MultiGauge.builder("pravesh_occupancy_max").register(metrics);
    refresher = scheduler.scheduleWithFixedDelay(this::refresh, 1, 5, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    refresher.cancel(false);
  }

  private void refresh() {
    List<MultiGauge.Row<?>> insideRows = new ArrayList<>();
    List<MultiGauge.Row<?>> maxRows = new ArrayList<>();
    try (Connection db = dataSource.getConnection();
        Statement statement = db.createStatement()) {
      statement.setQueryTimeout(2);
      try (ResultSet row =
          statement.executeQuery(
              "select e.slug, coalesce(o.inside, 0), e.max_inside from event e"
                  + " left join occupancy o on o.event_id = e.id"
                  + " and o.on_date = (now() at time zone e.time_zone)::date"
                  + " where (now() at time zone e.time_zone)::date"
                  + " between e.starts_on and e.ends_on")) {
        while (row.next()) {
          Tags tags = Tags.of("event", row.getString(1));
          insideRows.add(MultiGauge.Row.of(tags, row.getLong(2)));
          Object limit = row.getObject(3);
          if (limit != null) {
            maxRows.add(MultiGauge.Row.of(tags, ((Number) limit).longValue()));
          }
        }
      }
      inside.register(insideRows, true);
      max.register(maxRows, true);
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.FINE, "occupancy metrics not refreshed", e);
    }
  }
}
