package in.pravesh.whatsapp.application;

import in.pravesh.identity.application.IdentityConfig;
import in.pravesh.identity.domain.PhoneNumber;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.Texts.Language;
import in.pravesh.platform.ratelimit.RateLimitedException;
import in.pravesh.platform.ratelimit.RateLimiter;
import in.pravesh.whatsapp.domain.ChatInput;
import in.pravesh.whatsapp.domain.ChatInput.Command;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where a WhatsApp message that Twilio signed arrives: the number's flood limit first (one number
 * sending hundreds of messages gets no answers beyond it, and costs the database next to nothing;
 * other numbers are not touched; STOP is still honoured), then the conversation ({@link ChatBot},
 * one transaction), then the tickets asked for ({@link ChatTickets}, after that commit). All of it
 * within a deadline well under Twilio's 15 s: whatever fails or takes too long (a slow database),
 * the person gets a short "busy, send it again" in place of silence.
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

  /**
   * The answer to a message from {@code from} ({@code whatsapp:+919812345678}) with Twilio's {@code
   * messageSid}.
   */
  public ChatReply receive(String from, String body, String messageSid) {
    Future<ChatReply> answer;
    try {
      answer = executor.submit(() -> answer(from.replaceFirst("^whatsapp:", ""), body, messageSid));
    } catch (RejectedExecutionException e) {
      return busy(e);
    }
    try {
      return answer.get(answerWithinMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // Not started yet: it never will. Started: it may still finish (the message is then
      // recorded, and the same message sent again moves the conversation on from there).
      answer.cancel(true);
      return busy(e);
    } catch (ExecutionException e) {
      return busy(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return busy(e);
    }
  }

  private ChatReply answer(String sender, String body, String messageSid) {
    Optional<PhoneNumber> phone = phone(sender);
    try {
      // When the cache cannot count, the database's record of the number's messages does.
      limits.acquire(
          "whatsapp-minute",
          sender,
          perMinute,
          Duration.ofMinutes(1),
          () -> bot.receivedSince(sender, clock.instant().minus(Duration.ofMinutes(1))));
      limits.acquire(
          "whatsapp-hour",
          sender,
          perHour,
          Duration.ofHours(1),
          () -> bot.receivedSince(sender, clock.instant().minus(Duration.ofHours(1))));
    } catch (RateLimitedException e) {
      metrics.counter("pravesh_whatsapp_flood_refused").increment();
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
    ChatReply reply = bot.answer(number, body == null ? "" : body, messageSid);
    metrics.counter("pravesh_whatsapp_messages_answered").increment();
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

  private static ChatReply busy(Throwable e) {
    String incident = UUID.randomUUID().toString();
    LOG.log(Level.WARNING, "WhatsApp message not answered (incident " + incident + ")", e);
    return ChatReply.of(ChatTexts.say(Optional.<Language>empty(), "busy"));
  }
}
