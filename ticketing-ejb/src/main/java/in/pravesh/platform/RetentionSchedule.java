package in.pravesh.platform;

import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * When the contexts' retention jobs run: every {@code ticketing.retention.run-every-seconds}
 * (hourly by default), each on its own node-local interval timer.
 */
@ApplicationScoped
public class RetentionSchedule {

  @Inject
  @ConfigProperty(name = "ticketing.retention.run-every-seconds", defaultValue = "3600")
  long everySeconds;

  /** Starts the calling bean's timer ({@code @Timeout} method) at the configured period. */
  public void start(TimerService timers) {
    long every = Duration.ofSeconds(Math.max(1, everySeconds)).toMillis();
    timers.createIntervalTimer(every, every, new TimerConfig(null, false));
  }
}
