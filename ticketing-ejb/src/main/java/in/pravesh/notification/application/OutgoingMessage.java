package in.pravesh.notification.application;

import java.util.Map;

/**
 * A message to send: its kind (otp, ticket, ...), channel (sms, whatsapp), recipient in E.164, the
 * text, and for WhatsApp's business-initiated messages the approved content template and its
 * variables (the text is then what the template says, kept for the record and the dev outbox). A
 * message that carries a secret (a login code) names it: the record keeps the message with the
 * secret masked, so no database row or backup holds a usable code.
 */
public record OutgoingMessage(
    String kind,
    Channel channel,
    String to,
    String body,
    String mediaUrl,
    String contentSid,
    Map<String, String> contentVariables,
    String secret) {

  static final String MASK = "******";

  public OutgoingMessage(
      String kind,
      Channel channel,
      String to,
      String body,
      String mediaUrl,
      String contentSid,
      Map<String, String> contentVariables) {
    this(kind, channel, to, body, mediaUrl, contentSid, contentVariables, null);
  }

  /** How a message reaches a phone. */
  public enum Channel {
    SMS,
    WHATSAPP;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The same message, marked as carrying {@code secret}. */
  public OutgoingMessage carrying(String secret) {
    return new OutgoingMessage(
        kind, channel, to, body, mediaUrl, contentSid, contentVariables, secret);
  }

  /** Whether it carries a secret: it is never kept to be sent again later. */
  public boolean secretive() {
    return secret != null;
  }

  /** The text as it may be kept: the secret masked. */
  public String recordedBody() {
    return mask(body);
  }

  /** The template variables as they may be kept: the secret masked. */
  public Map<String, String> recordedVariables() {
    if (secret == null || contentVariables == null) {
      return contentVariables;
    }
    Map<String, String> masked = new java.util.LinkedHashMap<>();
    contentVariables.forEach((name, value) -> masked.put(name, mask(value)));
    return masked;
  }

  private String mask(String text) {
    return secret == null || text == null ? text : text.replace(secret, MASK);
  }

  public static OutgoingMessage text(String kind, Channel channel, String to, String body) {
    return new OutgoingMessage(kind, channel, to, body, null, null, Map.of());
  }
}
