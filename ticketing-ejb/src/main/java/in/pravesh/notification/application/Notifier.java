package in.pravesh.notification.application;

import java.util.UUID;

/**
 * Hands a message to whatever delivers it: the development outbox, or Twilio (SMS, WhatsApp).
 * Returns the provider's id for the message; throws when the provider refused or failed, or may
 * have taken it ({@link DeliveryUncertainException}).
 */
public interface Notifier {

  /** The provider's name, recorded with each message ("outbox", "twilio"). */
  String name();

  /**
   * Sends a message; {@code messageId} is our row's id, which the provider's delivery reports carry
   * back (null when there is no row).
   */
  Delivery send(OutgoingMessage message, UUID messageId);

  /** Who took the message, and their id for it (for delivery callbacks). */
  record Delivery(String providerId) {}
}
