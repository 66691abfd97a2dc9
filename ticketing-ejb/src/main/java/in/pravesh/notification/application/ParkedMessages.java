package in.pravesh.notification.application;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every 15 seconds, tries again the messages parked during a provider outage. */
@Singleton
public class ParkedMessages {

  private static final Logger LOG = Logger.getLogger(ParkedMessages.class.getName());

  @Inject MessageSender sender;

  @Schedule(hour = "*", minute = "*", second = "*/15", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void retryDue() {
    for (UUID id : sender.dueForRetry(100)) {
      try {
        sender.retry(id);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Retrying message " + id + " failed", e);
      }
    }
  }
}
