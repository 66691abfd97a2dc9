package in.pravesh.notification.application;

/**
 * Hands a message to whatever delivers it: the development outbox, or Twilio (SMS, WhatsApp).
 * Returns the provider's id for the message; throws when the provider refused or failed.
 */
public interface Notifier {

  /** The provider's name, recorded with each message ("outbox", "twilio"). */
  String name();

  Delivery send(OutgoingMessage message);

  /** Who took the message, and their id for it (for delivery callbacks). */
  record Delivery(String providerId) {}
}
