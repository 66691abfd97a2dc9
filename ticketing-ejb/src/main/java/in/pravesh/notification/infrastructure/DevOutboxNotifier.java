package in.pravesh.notification.infrastructure;

import in.pravesh.notification.application.DevOutbox;
import in.pravesh.notification.application.Notifier;
import in.pravesh.notification.application.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Development mode: the message row is the delivery; GET /api/dev/outbox shows it. */
@ApplicationScoped
public class DevOutboxNotifier implements Notifier {

  @Override
  public String name() {
    return DevOutbox.PROVIDER;
  }

  @Override
  public Delivery send(OutgoingMessage message, UUID messageId) {
    return new Delivery(null);
  }
}
