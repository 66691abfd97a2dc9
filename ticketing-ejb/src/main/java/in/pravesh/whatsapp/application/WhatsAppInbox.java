package in.pravesh.whatsapp.application;

import in.pravesh.identity.application.IdentityConfig;
import in.pravesh.identity.domain.PhoneNumber;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.ratelimit.RateLimitedException;
import in.pravesh.platform.ratelimit.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where a WhatsApp message that Twilio signed arrives: the number's flood limit first (one number
 * sending hundreds of messages gets no answers beyond it, and costs the database nothing; other
 * numbers are not touched), then the conversation ({@link ChatBot}, one transaction), then the
 * tickets asked for ({@link ChatTickets}, after that commit). Whatever fails, the person gets a
 * short "busy, send it again" in place of silence; Twilio gets its answer in well under 15 s.
 */
@ApplicationScoped
public class WhatsAppInbox {

  private static final Logger LOG = Logger.getLogger(WhatsAppInbox.class.getName());

  @Inject ChatBot bot;
  @Inject ChatTickets tickets;
  @Inject RateLimiter limits;
  @Inject IdentityConfig identity;
  @Inject MeterRegistry metrics;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "ticketing.whatsapp.messages-per-number-per-minute", defaultValue = "20")
  int perMinute;

  @Inject
  @ConfigProperty(name = "ticketing.whatsapp.messages-per-number-per-hour", defaultValue = "200")
  int perHour;

  /**
   * The answer to a message from {@code from} ({@code whatsapp:+919812345678}) with Twilio's {@code
   * messageSid}.
   */
  public ChatReply receive(String from, String body, String messageSid) {
    PhoneNumber phone;
    try {
      phone = PhoneNumber.parse(from.replaceFirst("^whatsapp:", ""), identity.countryCodes());
    } catch (BusinessException e) {
      return ChatReply.of(ChatTexts.say(Optional.empty(), "country"));
    }
    String number = phone.e164();
    try {
      // When the cache cannot count, the database's record of the number's messages does.
      limits.acquire(
          "whatsapp-minute",
          number,
          perMinute,
          Duration.ofMinutes(1),
          () -> bot.receivedSince(number, clock.instant().minus(Duration.ofMinutes(1))));
      limits.acquire(
          "whatsapp-hour",
          number,
          perHour,
          Duration.ofHours(1),
          () -> bot.receivedSince(number, clock.instant().minus(Duration.ofHours(1))));
    } catch (RateLimitedException e) {
      metrics.counter("pravesh_whatsapp_flood_refused").increment();
      return ChatReply.NONE;
    }
    ChatReply reply;
    try {
      reply = bot.answer(number, body == null ? "" : body, messageSid);
    } catch (RuntimeException e) {
      return busy(e, Optional.empty());
    }
    metrics.counter("pravesh_whatsapp_messages_answered").increment();
    if (!reply.sendTickets()) {
      return reply;
    }
    try {
      return reply.then(tickets.send(number, reply.language()));
    } catch (RateLimitedException e) {
      return reply.then(ChatTexts.say(reply.language(), "ticket.limited"));
    } catch (RuntimeException e) {
      return busy(e, reply.language());
    }
  }

  private static ChatReply busy(
      RuntimeException e, Optional<in.pravesh.platform.Texts.Language> l) {
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.WARNING, "WhatsApp message not answered (incident " + incident + ")", e);
    return ChatReply.of(ChatTexts.say(l, "busy"));
  }
}
