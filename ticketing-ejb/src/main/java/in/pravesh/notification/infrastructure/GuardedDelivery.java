package in.pravesh.notification.infrastructure;

import in.pravesh.notification.application.MessageRefusedException;
import in.pravesh.notification.application.Notifier;
import in.pravesh.notification.application.OutgoingMessage;
import in.pravesh.notification.application.ProviderUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The call to the message provider, guarded by MicroProfile Fault Tolerance: a slow provider is cut
 * off (and not retried: the provider may have the message), a blip that certainly did not reach the
 * provider is retried, a long outage opens the circuit (calls fail at once instead of piling up
 * threads), and at most 16 calls run at once. A refusal (bad number) is not retried. Whatever still
 * fails is parked by the caller ({@code MessageSender}) and tried again later, never lost.
 */
@ApplicationScoped
public class GuardedDelivery {

  @Timeout(8_000)
  // Retried only when the provider certainly does not have the message: never after a timeout.
  @Retry(maxRetries = 2, delay = 400, jitter = 200, retryOn = ProviderUnavailableException.class)
  @CircuitBreaker(
      requestVolumeThreshold = 8,
      failureRatio = 0.5,
      delay = 20_000,
      successThreshold = 2,
      skipOn = MessageRefusedException.class)
  @Bulkhead(16)
  public Notifier.Delivery send(Notifier notifier, OutgoingMessage message, UUID messageId) {
    return notifier.send(message, messageId);
  }
}
