package in.pravesh.whatsapp.application;

import in.pravesh.event.application.EventCatalog;
import in.pravesh.event.application.EventView;
import in.pravesh.event.domain.Slot;
import in.pravesh.jobs.JobSender;
import in.pravesh.notification.application.WhatsAppContacts;
import in.pravesh.platform.Texts.Language;
import in.pravesh.registration.application.Registrations;
import in.pravesh.whatsapp.domain.ChatInput;
import in.pravesh.whatsapp.domain.Conversation;
import in.pravesh.whatsapp.domain.Conversation.Step;
import in.pravesh.whatsapp.domain.Submission;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The WhatsApp conversation (api.md, WhatsApp): greeting in both languages, then name, event (when
 * several take registrations), slot, party size and confirmation, with help, cancel, ticket, start
 * over, STOP and START at every step. One message, one short transaction: the message's id is
 * recorded (a message delivered twice acts once), the conversation's row is read under its lock
 * (one number's messages are answered in turn, on any node), and a confirmation only queues the
 * registration's job, so the answer never waits for the slot's seats.
 */
@Stateless
public class ChatBot {

  /** The most choices one list shows. */
  static final int LIST_MAX = 30;

  /**
   * The most characters of list lines in one message: Twilio refuses a message over 1,600
   * characters (error 21617), and the question around the list needs room too.
   */
  static final int LIST_CHARS = 1_200;

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject WhatsAppContacts contacts;
  @Inject EventCatalog catalog;
  @Inject Registrations registrations;
  @Inject JobSender jobs;
  @Resource TransactionSynchronizationRegistry transactions;

  @Inject
  @ConfigProperty(name = "ticketing.whatsapp.conversation-minutes", defaultValue = "30")
  long conversationMinutes;

  @Inject
  @ConfigProperty(name = "ticketing.public.base-url", defaultValue = "http://localhost:8080")
  String publicBaseUrl;

  /**
   * The answer to one message; none for a message answered before. The transaction commits only if
   * {@code mayCommit} still agrees just before (the webhook has not answered "busy" meanwhile).
   */
  public ChatReply answer(String phone, String body, String messageSid, BooleanSupplier mayCommit) {
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {
            if (!mayCommit.getAsBoolean()) {
              transactions.setRollbackOnly();
            }
          }

          @Override
          public void afterCompletion(int status) {}
        });
    // A slow database makes this message wait a little, never Twilio's 15 s: the webhook then
    // answers "busy" and the message, not recorded, can simply be sent again.
    em.createNativeQuery(
            "select set_config('statement_timeout', '3000', true),"
                + " set_config('lock_timeout', '2000', true)")
        .getSingleResult();
    Instant now = clock.instant();
    if (em.createNativeQuery(
                "insert into whatsapp_inbound (message_sid, phone, received_at) values (?1, ?2, ?3)"
                    + " on conflict do nothing")
            .setParameter(1, messageSid)
            .setParameter(2, phone)
            .setParameter(3, Timestamp.from(now))
            .executeUpdate()
        == 0) {
      return ChatReply.NONE;
    }
    contacts.heardFrom(phone);
    boolean created =
        em.createNativeQuery(
                    "insert into whatsapp_conversation (phone, step, updated_at)"
                        + " values (?1, 'LANGUAGE', ?2) on conflict do nothing")
                .setParameter(1, phone)
                .setParameter(2, Timestamp.from(now))
                .executeUpdate()
            == 1;
    Conversation conversation = em.find(Conversation.class, phone, LockModeType.PESSIMISTIC_WRITE);
    boolean fresh = created || conversation.idleSince(now, Duration.ofMinutes(conversationMinutes));
    if (fresh) {
      conversation.restart(now);
    }
    conversation.touch(now);
    ChatInput input = ChatInput.of(body);
    // A first message is answered with the greeting, unless it asks for help or a ticket or says
    // STOP or START: those act at once (help with the greeting).
    Optional<ChatInput.Command> command =
        input
            .command()
            .filter(
                c ->
                    !fresh
                        || c == ChatInput.Command.HELP
                        || c == ChatInput.Command.TICKET
                        || c == ChatInput.Command.STOP
                        || c == ChatInput.Command.START);
    ChatReply reply =
        command
            .map(c -> command(conversation, c, now))
            .orElseGet(() -> fresh ? greet(conversation, input) : step(conversation, input, now));
    conversation.language().ifPresent(language -> contacts.speaks(phone, language.code()));
    return reply;
  }

  /**
   * STOP from a number over its flood limit: recorded (India's rules and WhatsApp's policy want an
   * opt-out honoured whatever else the number did), without touching the conversation; answered
   * once (a number flooding "STOP" gets no more answers than any other flood).
   */
  public ChatReply stopWithoutConversation(String phone) {
    contacts.heardFrom(phone);
    if (!contacts.optOut(phone)) {
      return ChatReply.NONE;
    }
    Optional<Language> language =
        contacts.of(phone).map(WhatsAppContacts.Contact::language).map(Language::of);
    return ChatReply.of(ChatTexts.say(language, "stopped"));
  }

  /** How many messages this number sent since {@code since} (the flood limit without a cache). */
  public long receivedSince(String phone, Instant since) {
    return ((Number)
            em.createNativeQuery(
                    "select count(*) from whatsapp_inbound where phone = ?1 and received_at >= ?2")
                .setParameter(1, phone)
                .setParameter(2, Timestamp.from(since))
                .getSingleResult())
        .longValue();
  }

  private ChatReply command(Conversation c, ChatInput.Command command, Instant now) {
    Optional<Language> language = c.language();
    return switch (command) {
      case HELP -> ChatReply.of(ChatTexts.say(language, "help"), prompt(c));
      case CANCEL -> {
        c.restart(now);
        yield ChatReply.of(ChatTexts.say(language, "cancelled"));
      }
      case START_OVER -> {
        c.startOver();
        yield ChatReply.of(prompt(c));
      }
      case STOP -> {
        contacts.optOut(c.phone());
        yield ChatReply.of(ChatTexts.say(language, "stopped"));
      }
      case START -> {
        if (contacts.of(c.phone()).filter(WhatsAppContacts.Contact::optedOut).isEmpty()) {
          // Nothing to start again: carry on where the conversation is.
          yield ChatReply.of(prompt(c));
        }
        contacts.optIn(c.phone());
        yield ChatReply.of(ChatTexts.say(language, "started"));
      }
      case TICKET -> ChatReply.tickets(language);
    };
  }

  /**
   * A new conversation: the greeting in both languages. A first message that names an event (a
   * poster's link to the chat can carry its slug) chooses it.
   */
  private ChatReply greet(Conversation c, ChatInput input) {
    openEvents().stream()
        .filter(event -> event.slug().equalsIgnoreCase(input.word()))
        .findFirst()
        .ifPresent(event -> c.forEvent(UUID.fromString(event.id())));
    return ChatReply.of(ChatTexts.say(Optional.empty(), "greeting"));
  }

  private ChatReply step(Conversation c, ChatInput input, Instant now) {
    Language language = c.language().orElse(Language.EN);
    return switch (c.step()) {
      case LANGUAGE -> chooseLanguage(c, input);
      case NAME -> name(c, input, language);
      case EVENT -> event(c, input, language);
      case SLOT -> slot(c, input, language, now);
      case PARTY -> party(c, input, language, now);
      case CONFIRM -> confirm(c, input, language, now);
      case DONE -> ChatReply.of(afterConfirming(c, language));
    };
  }

  /** After YES: what became of the registration, as far as its job has got. */
  private String afterConfirming(Conversation c, Language language) {
    Optional<Submission> latest =
        em.createQuery(
                "select s from Submission s where s.phone = :phone order by s.createdAt desc",
                Submission.class)
            .setParameter("phone", c.phone())
            .setMaxResults(1)
            .getResultStream()
            .findFirst();
    return switch (latest.map(Submission::state).orElse(Submission.State.DONE)) {
      case PENDING -> ChatTexts.say(language, "ticket.pending", Map.of());
      case REFUSED ->
          ChatTexts.say(language, ChatRegistrations.refusalKey(latest.get().refusal()), Map.of());
      case DONE -> ChatTexts.say(language, "done", Map.of());
    };
  }

  private ChatReply chooseLanguage(Conversation c, ChatInput input) {
    Optional<Language> chosen = input.language();
    if (chosen.isEmpty()) {
      return greet(c, input);
    }
    c.speak(chosen.get());
    return ChatReply.of(ChatTexts.say(chosen.get(), "ask.name", Map.of()));
  }

  private ChatReply name(Conversation c, ChatInput input, Language language) {
    Optional<String> name = input.name();
    if (name.isEmpty()) {
      return ChatReply.of(
          input.tooLongForAName()
              ? ChatTexts.say(language, "name.long", Map.of("max", ChatInput.NAME_MAX))
              : ChatTexts.say(language, "name.invalid", Map.of()));
    }
    c.named(name.get());
    return offerEventOrSlots(c, language);
  }

  /** The events, when several take registrations; otherwise straight to the slots. */
  private ChatReply offerEventOrSlots(Conversation c, Language language) {
    List<EventView> events = openEvents();
    if (events.isEmpty()) {
      c.startOver();
      return ChatReply.of(ChatTexts.say(language, "none.open", Map.of()));
    }
    Optional<EventView> chosen =
        events.size() == 1
            ? Optional.of(events.get(0))
            : c.eventId().flatMap(id -> event(events, id));
    if (chosen.isPresent()) {
      return offerSlots(c, chosen.get(), language);
    }
    List<EventView> shown = new ArrayList<>();
    int chars = 0;
    for (EventView event : events) {
      chars += event.name().length() + event.venue().length() + 8;
      if (!shown.isEmpty() && (shown.size() == LIST_MAX || chars > LIST_CHARS)) {
        break;
      }
      shown.add(event);
    }
    c.offer(Step.EVENT, shown.stream().map(e -> UUID.fromString(e.id())).toList());
    return ChatReply.of(eventList(language, shown));
  }

  private ChatReply event(Conversation c, ChatInput input, Language language) {
    Optional<EventView> event = choice(c, input).flatMap(id -> event(openEvents(), id));
    if (event.isEmpty()) {
      return invalidChoice(c, language);
    }
    c.forEvent(UUID.fromString(event.get().id()));
    return offerSlots(c, event.get(), language);
  }

  private ChatReply offerSlots(Conversation c, EventView event, Language language) {
    // A slot's line is under 40 characters in either language; the event's name heads the list.
    int room = (LIST_CHARS - event.name().length() - event.venue().length()) / 40;
    List<UUID> ids =
        event.slots().stream()
            .limit(Math.max(1, Math.min(LIST_MAX, room)))
            .map(s -> UUID.fromString(s.id()))
            .toList();
    c.forEvent(UUID.fromString(event.id()));
    c.offer(Step.SLOT, ids);
    return ChatReply.of(slotList(language, event, ids));
  }

  private ChatReply slot(Conversation c, ChatInput input, Language language, Instant now) {
    Optional<UUID> id = choice(c, input);
    if (id.isEmpty()) {
      return invalidChoice(c, language);
    }
    Slot slot = em.find(Slot.class, id.get());
    if (slot == null || !slot.openAt(now)) {
      // Closed meanwhile (the time passed, an admin closed the event): what is open now.
      ChatReply open = offerEventOrSlots(c, language);
      return ChatReply.of(ChatTexts.say(language, "slot.gone", Map.of())).then(open);
    }
    if (slot.seats().remaining() <= 0) {
      return ChatReply.of(ChatTexts.say(language, "slot.full", Map.of()));
    }
    if (registrations.hasActive(slot.id(), c.phone())) {
      return ChatReply.of(ChatTexts.say(language, "slot.registered", Map.of()));
    }
    c.chooseSlot(slot.id());
    return ChatReply.of(ChatTexts.say(language, "ask.party", Map.of()));
  }

  private ChatReply party(Conversation c, ChatInput input, Language language, Instant now) {
    OptionalInt size = input.number();
    if (size.isEmpty() || size.getAsInt() < 1 || size.getAsInt() > 10) {
      return ChatReply.of(ChatTexts.say(language, "party.invalid", Map.of()));
    }
    Slot slot = em.find(Slot.class, c.slotId());
    if (slot == null || !slot.openAt(now)) {
      ChatReply open = offerEventOrSlots(c, language);
      return ChatReply.of(ChatTexts.say(language, "slot.gone", Map.of())).then(open);
    }
    int left = slot.seats().remaining();
    if (left < size.getAsInt()) {
      return ChatReply.of(ChatTexts.say(language, "party.seats", Map.of("left", left)));
    }
    c.party(size.getAsInt());
    return ChatReply.of(summary(c, language));
  }

  /**
   * YES records consent and queues the registration's job in this transaction: the job and the
   * conversation's step commit together. The ticket, or the reason there is none, follows.
   */
  private ChatReply confirm(Conversation c, ChatInput input, Language language, Instant now) {
    if (input.no()) {
      c.restart(now);
      return ChatReply.of(ChatTexts.say(language, "declined", Map.of()));
    }
    if (!input.yes()) {
      return ChatReply.of(ChatTexts.say(language, "confirm.invalid", Map.of()));
    }
    Submission submission = new Submission(c, language, now);
    em.persist(submission);
    jobs.registerFromWhatsApp(submission.id());
    c.done();
    return ChatReply.of(ChatTexts.say(language, "submitted", Map.of("name", c.name())));
  }

  /** What the current step asks, again (after help, start over, or a slot gone). */
  private String prompt(Conversation c) {
    Optional<Language> chosen = c.language();
    Language language = chosen.orElse(Language.EN);
    return switch (c.step()) {
      case LANGUAGE -> ChatTexts.say(Optional.empty(), "greeting");
      case NAME -> ChatTexts.say(language, "ask.name", Map.of());
      case EVENT -> {
        List<EventView> shown = shownEvents(c);
        yield shown.isEmpty() ? whatIsOpen(c, language) : eventList(language, shown);
      }
      case SLOT -> {
        Optional<EventView> event = c.eventId().flatMap(id -> event(openEvents(), id));
        // Registration for the event closed meanwhile: what is open now.
        yield event.isEmpty()
            ? whatIsOpen(c, language)
            : slotList(language, event.get(), shownIds(c));
      }
      case PARTY -> ChatTexts.say(language, "ask.party", Map.of());
      case CONFIRM -> summary(c, language);
      case DONE -> afterConfirming(c, language);
    };
  }

  private String whatIsOpen(Conversation c, Language language) {
    return String.join("\n\n", offerEventOrSlots(c, language).messages());
  }

  private ChatReply invalidChoice(Conversation c, Language language) {
    return ChatReply.of(
        ChatTexts.say(language, "choice.invalid", Map.of("max", Math.max(1, c.choiceCount()))));
  }

  private static Optional<UUID> choice(Conversation c, ChatInput input) {
    OptionalInt n = input.number();
    return n.isPresent() ? c.choice(n.getAsInt()) : Optional.empty();
  }

  private List<EventView> openEvents() {
    return catalog.openForRegistration();
  }

  private static Optional<EventView> event(List<EventView> events, UUID id) {
    return events.stream().filter(e -> e.id().equals(id.toString())).findFirst();
  }

  private List<EventView> shownEvents(Conversation c) {
    List<EventView> open = openEvents();
    List<EventView> shown = new ArrayList<>();
    for (UUID id : shownIds(c)) {
      event(open, id).ifPresent(shown::add);
    }
    return shown;
  }

  private static List<UUID> shownIds(Conversation c) {
    List<UUID> ids = new ArrayList<>();
    for (int n = 1; n <= c.choiceCount(); n++) {
      c.choice(n).ifPresent(ids::add);
    }
    return ids;
  }

  private static String eventList(Language language, List<EventView> events) {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < events.size(); i++) {
      EventView event = events.get(i);
      list.append(i == 0 ? "" : "\n")
          .append(
              ChatTexts.say(
                  language,
                  "event.line",
                  Map.of("n", i + 1, "event", event.name(), "venue", event.venue())));
    }
    return ChatTexts.say(language, "ask.event", Map.of("list", list));
  }

  /** The numbered slots, each as it stands now: a full one is shown as full. */
  private String slotList(Language language, EventView event, List<UUID> ids) {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < ids.size(); i++) {
      Slot slot = em.find(Slot.class, ids.get(i));
      if (slot == null) {
        continue;
      }
      list.append(list.isEmpty() ? "" : "\n")
          .append(
              ChatTexts.say(
                  language,
                  slot.seats().remaining() > 0 ? "slot.line" : "slot.line.full",
                  Map.of(
                      "n", i + 1,
                      "date", ChatTexts.date(language, slot.date()),
                      "from", slot.startsAt().toString(),
                      "to", slot.endsAt().toString())));
    }
    return ChatTexts.say(
        language, "ask.slot", Map.of("event", event.name(), "venue", event.venue(), "list", list));
  }

  private String summary(Conversation c, Language language) {
    Slot slot = em.find(Slot.class, c.slotId());
    return ChatTexts.say(
        language,
        "confirm",
        Map.of(
            "name", c.name(),
            "event", slot.event().name(),
            "venue", slot.event().venue(),
            "date", ChatTexts.date(language, slot.date()),
            "from", slot.startsAt().toString(),
            "to", slot.endsAt().toString(),
            "party", ChatTexts.party(language, c.partySize()),
            "privacy", publicBaseUrl + "/privacy" + (language == Language.HI ? "?lang=hi" : "")));
  }
}
