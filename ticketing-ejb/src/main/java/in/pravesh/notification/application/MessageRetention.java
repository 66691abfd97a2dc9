package in.pravesh.notification.application;

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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Message rows (recipient, text, links) are kept {@code ticketing.retention.message-days} days, for
 * delivery questions and resends during the fair, then deleted; WhatsApp contacts two days after
 * they last wrote (not those that sent STOP) and hourly budget rows two days. Messages still
 * waiting to be sent are kept.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class MessageRetention {

  private static final Logger LOG = Logger.getLogger(MessageRetention.class.getName());

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Resource TimerService timers;
  @Inject RetentionSchedule schedule;

  @Inject
  @ConfigProperty(name = "ticketing.retention.message-days", defaultValue = "30")
  long messageDays;

  @PostConstruct
  void start() {
    schedule.start(timers);
  }

  @Timeout
  void purge() {
    var now = clock.instant();
    int messages =
        // Kept: messages still due to be sent. Gone: the rest, including login codes whose
        // sending outcome stayed unknown (never sent again).
        em.createNativeQuery(
                "delete from message where created_at < ?1"
                    + " and (state <> 'QUEUED' or next_attempt_at is null)")
            .setParameter(1, Timestamp.from(now.minus(Duration.ofDays(messageDays))))
            .executeUpdate();
    // What we know of a number that wrote to us serves WhatsApp's 24-hour window: two days on it
    // goes, unless the number sent STOP (that choice is kept for as long as it stands).
    em.createNativeQuery(
            "delete from whatsapp_contact where last_inbound_at < ?1 and opted_out_at is null")
        .setParameter(1, Timestamp.from(now.minus(Duration.ofDays(2))))
        .executeUpdate();
    em.createNativeQuery("delete from message_budget where hour < ?1")
        .setParameter(1, Timestamp.from(now.minus(Duration.ofDays(2))))
        .executeUpdate();
    if (messages > 0) {
      LOG.info(() -> messages + " messages older than " + messageDays + " days deleted");
    }
  }
}
