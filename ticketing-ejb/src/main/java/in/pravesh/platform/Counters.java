package in.pravesh.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application's counters, each looked up once: WildFly's registry searches every meter on each
 * {@code counter(...)} call (2 % of the CPU of a registration rush, from the ticket and message
 * jobs).
 */
@ApplicationScoped
public class Counters {

  @Inject MeterRegistry metrics;

  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  /** The counter {@code name} with these tags (name, value, ...). */
  public Counter get(String name, String... tags) {
    return counters.computeIfAbsent(
        name + "|" + String.join("|", tags), key -> metrics.counter(name, tags));
  }

  /** Adds one to the counter {@code name} with these tags (name, value, ...). */
  public void increment(String name, String... tags) {
    get(name, tags).increment();
  }
}
