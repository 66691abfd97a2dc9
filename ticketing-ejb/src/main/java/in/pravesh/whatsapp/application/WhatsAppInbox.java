package in.pravesh.whatsapp.application;

import in.pravesh.identity.application.IdentityConfig;
import in.pravesh.identity.domain.PhoneNumber;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.Counters;
import in.pravesh.platform.Texts.Language;
import in.pravesh.platform.ratelimit.RateLimitedException;
import in.pravesh.platform.ratelimit.RateLimiter;
import in.pravesh.whatsapp.domain.ChatInput;
import in.pravesh.whatsapp.domain.ChatInput.Command;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where a WhatsApp message that Twilio signed arrives: the number's flood limit first (one number
 * sending hundreds of messages gets no answers beyond it, and costs the database next to nothing;
 * other numbers are not touched; STOP is still honoured), then the conversation ({@link ChatBot},
 * one transaction), then the tickets asked for ({@link ChatTickets}, after that commit), on a pool
 * of its own while the webhook's request waits suspended. Within a deadline well under Twilio's 15
 * s: whatever fails or takes too long (a slow database), the person gets a short "busy, send it
 * again" in place of silence, and then nothing of the message was committed ({@link
 * PendingAnswer}).
 */
@ApplicationScoped
public class WhatsAppInbox {

  private static final Logger LOG = Logger.getLogger(WhatsAppInbox.class.getName());

  @Inject ChatBot bot;
  @Inject ChatTickets tickets;
  @Inject RateLimiter limits;
  @Inject IdentityConfig identity;
  @Inject Counters counters;
  @Inject Clock clock;

  /** A pool of its own (wildfly-config's 90-concurrency.cli), with a bounded queue. */
  @Resource(lookup = "java:jboss/ee/concurrency/executor/whatsapp")
  ManagedExecutorService executor;

  @Inject
  @ConfigProperty(name = "ticketing.whatsapp.messages-per-number-per-minute", defaultValue = "20")
  int perMinute;

  @Inject
  @ConfigProperty(name = "ticketing.whatsapp.messages-per-number-per-hour", defaultValue = "200")
  int perHour;

  @Inject
  @ConfigProperty(name = "ticketing.whatsapp.answer-within-ms", defaultValue = "8000")
  long answerWithinMs;

  /** How long the webhook waits for an answer before it says "busy". */
  public long deadlineMs() {
    return answerWithinMs;
  }

  /** How much longer it waits for work that is already committing. */
  public long graceMs() {
    return 4_000;
  }

  /**
   * Works out the answer to a message from {@code from} ({@code whatsapp:+919812345678}) with
   * Twilio's {@code messageSid} on the chat's own pool, and hands it to {@code answer}; the
   * webhook's deadline decides through {@code pending} ({@link PendingAnswer}).
   */
  public void receive(
      PendingAnswer pending,
      String from,
      String body,
      String messageSid,
      Consumer<ChatReply> answer) {
    try {
      executor.execute(
          () -> {
            if (!pending.start()) {
              return; // the webhook has answered "busy" already
            }
            ChatReply reply;
            try {
              reply = answer(pending, from.replaceFirst("^whatsapp:", ""), body, messageSid);
            } catch (RuntimeException e) {
              reply = busy(e);
            }
            answer.accept(reply);
          });
    } catch (RejectedExecutionException e) {
      answer.accept(busy(e));
    }
  }

  /** What a person is told when their message could not be answered now. */
  public ChatReply busy() {
    return ChatReply.of(ChatTexts.say(Optional.<Language>empty(), "busy"));
  }

  private ChatReply answer(PendingAnswer pending, String sender, String body, String messageSid) {
    Optional<PhoneNumber> phone = phone(sender);
    String key = phone.map(PhoneNumber::e164).orElse(sender);
    try {
      // When the cache cannot count, the database's record of the number's messages does; a
      // number we do not register has no record there, so it is then refused.
      limits.acquire(
          "whatsapp-minute",
          key,
          perMinute,
          Duration.ofMinutes(1),
          () ->
              phone.isEmpty()
                  ? Long.MAX_VALUE
                  : bot.receivedSince(key, clock.instant().minus(Duration.ofMinutes(1))));
      limits.acquire(
          "whatsapp-hour",
          key,
          perHour,
          Duration.ofHours(1),
          () ->
              phone.isEmpty()
                  ? Long.MAX_VALUE
                  : bot.receivedSince(key, clock.instant().minus(Duration.ofHours(1))));
    } catch (RateLimitedException e) {
      counters.increment("pravesh_whatsapp_flood_refused");
      // Over its limit, a number can still say STOP (India's rules and WhatsApp's policy).
      boolean stop = ChatInput.of(body).command().filter(c -> c == Command.STOP).isPresent();
      return stop && phone.isPresent()
          ? bot.stopWithoutConversation(phone.get().e164())
          : ChatReply.NONE;
    }
    if (phone.isEmpty()) {
      return ChatReply.of(ChatTexts.say(Optional.empty(), "country"));
    }
    String number = phone.get().e164();
    ChatReply reply = bot.answer(number, body == null ? "" : body, messageSid, pending::mayCommit);
    counters.increment("pravesh_whatsapp_messages_answered");
    return reply.sendTickets() ? reply.then(tickets.send(number, reply.language())) : reply;
  }

  /** The sender's number, if it is one we register (the configured country codes). */
  private Optional<PhoneNumber> phone(String sender) {
    try {
      return Optional.of(PhoneNumber.parse(sender, identity.countryCodes()));
    } catch (BusinessException e) {
      return Optional.empty();
    }
  }

  private ChatReply busy(Throwable e) {
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.WARNING, "WhatsApp message not answered (incident " + incident + ")", e);
    return busy();
  }
}
