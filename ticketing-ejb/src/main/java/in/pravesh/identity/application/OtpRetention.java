package in.pravesh.identity.application;

import in.pravesh.platform.RetentionSchedule;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Login challenges are kept a day after they expire (for the limits that count them), then deleted
 * with their attempts: a phone number and the time it asked for a code are personal data. Then the
 * people nothing needs any more go ({@link People#forgetUnused}): their registrations were
 * anonymised or never made, they are not staff, and they have not logged in for a day.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class OtpRetention {

  private static final Logger LOG = Logger.getLogger(OtpRetention.class.getName());
  static final Duration KEEP = Duration.ofDays(1);
  static final int PEOPLE_BATCH = 1_000;

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Resource TimerService timers;
  @Inject RetentionSchedule schedule;
  @Inject People people;

  @PostConstruct
  void start() {
    schedule.start(timers);
  }

  @Timeout
  void purge() {
    int deleted =
        em.createNativeQuery("delete from otp_challenge where expires_at < ?1")
            .setParameter(1, Timestamp.from(clock.instant().minus(KEEP)))
            .executeUpdate();
    if (deleted > 0) {
      LOG.info(() -> deleted + " expired login challenges deleted");
    }
    // People nothing needs any more: batches in their own transactions, until none is left.
    long forgotten = 0;
    int batch;
    do {
      batch = people.forgetUnused(clock.instant().minus(KEEP), PEOPLE_BATCH);
      forgotten += batch;
    } while (batch == PEOPLE_BATCH);
    if (forgotten > 0) {
      long total = forgotten;
      LOG.info(() -> total + " people with no registration, login or staff role left deleted");
    }
  }
}
