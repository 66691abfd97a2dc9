package in.pravesh.registration.application;

import in.pravesh.platform.RetentionSchedule;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Registrations are anonymised {@code ticketing.retention.event-days} days after their event ends
 * (the last day, in the event's time zone): name, phone, e-mail and the person they belonged to are
 * gone; the row stays, so every count (by channel, date, gate, hour) stays as it was. The consent
 * record (when, by which channel) is not personal and stays too. A person left with no registration
 * (and not staff, and not logged in lately) is deleted with it. Messages go by their own retention.
 * Work is done in batches of {@link RegistrationAnonymiser#BATCH}, each its own transaction,
 * skipping rows another transaction holds (a cancellation, another node's run): they are taken at
 * the next run.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RegistrationRetention {

  private static final Logger LOG = Logger.getLogger(RegistrationRetention.class.getName());

  @Inject Clock clock;
  @Resource TimerService timers;
  @Inject RetentionSchedule schedule;
  @Inject RegistrationAnonymiser batch;

  @Inject
  @ConfigProperty(name = "ticketing.retention.event-days", defaultValue = "30")
  int eventDays;

  @PostConstruct
  void start() {
    schedule.start(timers);
  }

  @Timeout
  void anonymise() {
    int days = Math.max(0, eventDays);
    long total = 0;
    int done;
    do {
      done = batch.anonymise(Timestamp.from(clock.instant()), days);
      total += done;
    } while (done == RegistrationAnonymiser.BATCH);
    if (total > 0) {
      long anonymised = total;
      LOG.info(
          () ->
              anonymised + " registrations anonymised (" + days + " days after their event ended)");
    }
  }
}
