package in.pravesh.whatsapp.application;

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
import java.time.Instant;

/**
 * What the chat keeps, and for how long: message ids two days (Twilio redelivers within minutes),
 * conversations a day after their last message, confirmed submissions a week (the registration
 * itself is kept by registration's own rules). Erasure: {@link ChatErasure}.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class ChatRetention {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Resource TimerService timers;
  @Inject RetentionSchedule schedule;

  @PostConstruct
  void start() {
    schedule.start(timers);
  }

  @Timeout
  void purge() {
    Instant now = clock.instant();
    delete("delete from whatsapp_inbound where received_at < ?1", now.minus(Duration.ofDays(2)));
    delete(
        "delete from whatsapp_conversation where updated_at < ?1", now.minus(Duration.ofDays(1)));
    // A week on, even a submission whose job died is history (its job, replayed, finds nothing).
    delete("delete from whatsapp_submission where created_at < ?1", now.minus(Duration.ofDays(7)));
  }

  private void delete(String sql, Instant before) {
    em.createNativeQuery(sql).setParameter(1, Timestamp.from(before)).executeUpdate();
  }
}
