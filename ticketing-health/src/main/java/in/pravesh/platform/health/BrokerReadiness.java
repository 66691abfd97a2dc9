package in.pravesh.platform.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the broker takes connections and our job queues exist. (The queue names are
 * those of {@code in.pravesh.jobs.JobQueues}; this library sits below the modules and cannot see
 * them.)
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

  @Resource(lookup = "java:/ConnectionFactory")
  ConnectionFactory connectionFactory;

  @Resource(lookup = "java:/jms/queue/TicketJobs")
  Queue ticketJobs;

  @Resource(lookup = "java:/jms/queue/NotificationJobs")
  Queue notificationJobs;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("broker");
    try (JMSContext context = connectionFactory.createContext()) {
      // A browser proves the queue is there without taking or sending anything.
      context.createBrowser(ticketJobs).close();
      context.createBrowser(notificationJobs).close();
      return response.up().build();
    } catch (JMSRuntimeException | jakarta.jms.JMSException e) {
      return response.down().withData("error", String.valueOf(e.getMessage())).build();
    }
  }
}
