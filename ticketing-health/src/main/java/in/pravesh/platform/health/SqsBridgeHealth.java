package in.pravesh.platform.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The SQS bridge, for operators: {@code sqs: UNREACHABLE} while SQS cannot be reached, with the
 * jobs waiting in Artemis meanwhile ({@code waiting}) and the age of the oldest ({@code
 * lagSeconds}), and each SQS queue's depth. Never takes the node out of service: registrations go
 * on, their jobs wait and flow when SQS is back. Read from the bridge's gauges (ticketing-jms's
 * SqsBridgeStatus, measured every 5 s): this library cannot see the module's classes.
 */
@Readiness
@ApplicationScoped
public class SqsBridgeHealth implements HealthCheck {

  @Inject
  @ConfigProperty(name = "ticketing.sqs.ticket-queue")
  Optional<String> ticketQueue;

  @Inject MeterRegistry metrics;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("sqs-bridge").up();
    if (ticketQueue.filter(name -> !name.isBlank()).isEmpty()) {
      return response.withData("bridge", "OFF").build();
    }
    response.withData("bridge", "ON");
    Gauge reachable = metrics.find("pravesh_jobs_sqs_reachable").gauge();
    response.withData(
        "sqs", reachable == null ? "UNKNOWN" : reachable.value() > 0 ? "REACHABLE" : "UNREACHABLE");
    response.withData("waiting", value("pravesh_jobs_bridge_waiting"));
    response.withData("lagSeconds", value("pravesh_jobs_bridge_lag_seconds"));
    for (Gauge depth : metrics.find("pravesh_jobs_sqs_messages").gauges()) {
      response.withData(
          depth.getId().getTag("queue") + "." + depth.getId().getTag("state"),
          (long) depth.value());
    }
    return response.build();
  }

  private long value(String gauge) {
    Gauge found = metrics.find(gauge).gauge();
    return found == null ? 0 : (long) found.value();
  }
}
