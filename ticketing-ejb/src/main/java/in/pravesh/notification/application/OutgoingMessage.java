package in.pravesh.notification.application;

import java.util.Map;

/**
 * A message to send: its kind (otp, ticket, ...), channel (sms, whatsapp), recipient in E.164, the
 * text, and for WhatsApp's business-initiated messages the approved content template and its
 * variables (the text is then what the template says, kept for the record and the dev outbox).
 */
public record OutgoingMessage(
    String kind,
    Channel channel,
    String to,
    String body,
    String mediaUrl,
    String contentSid,
    Map<String, String> contentVariables) {

  /** How a message reaches a phone. */
  public enum Channel {
    SMS,
    WHATSAPP;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static OutgoingMessage text(String kind, Channel channel, String to, String body) {
    return new OutgoingMessage(kind, channel, to, body, null, null, Map.of());
  }
}
