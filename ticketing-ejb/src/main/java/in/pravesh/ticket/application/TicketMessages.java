package in.pravesh.ticket.application;

import in.pravesh.event.domain.Event;
import in.pravesh.notification.application.OutgoingMessage;
import in.pravesh.notification.application.WhatsAppContacts;
import in.pravesh.platform.Texts;
import in.pravesh.registration.domain.Registration;
import in.pravesh.ticket.domain.Ticket;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A registration's ticket as a message: SMS with the DLT-registered wording and the signed QR link,
 * or a WhatsApp message with the QR image (the signed link as media): free text in the visitor's
 * language when they wrote to us within WhatsApp's 24-hour window, the approved template otherwise.
 */
@Stateless
public class TicketMessages {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

  @PersistenceContext EntityManager em;
  @Inject TicketLinks links;
  @Inject Tickets tickets;
  @Inject WhatsAppContacts contacts;
  @Inject Clock clock;

  private static final Texts TEXTS = new Texts("in.pravesh.ticket.TicketTexts");

  @Inject
  @ConfigProperty(
      name = "ticketing.sms.ticket-text",
      defaultValue =
          "Your Pravesh ticket for {event} on {date} at {time} for {party}: code {code}. Show the QR"
              + " at the gate: {link}")
  String smsText;

  @Inject
  @ConfigProperty(name = "ticketing.whatsapp.ticket-content-sid", defaultValue = "HX-dev-ticket")
  String whatsappTicketContentSid;

  /** The ticket message on the channel; empty for a registration without a live ticket. */
  public Optional<OutgoingMessage> compose(UUID registrationId, String channel) {
    Registration registration = em.find(Registration.class, registrationId);
    if (registration == null || !registration.isActive() || registration.phone() == null) {
      return Optional.empty();
    }
    Ticket ticket = tickets.ofRegistration(registrationId).orElse(null);
    if (ticket == null || ticket.revoked()) {
      return Optional.empty();
    }
    Event event = registration.slot().event();
    String link = links.qrUrl(ticket.id(), ticket.date(), event.zone());
    Map<String, String> values =
        Map.of(
            "event", event.name(),
            "date", DATE.format(ticket.date()),
            "time", registration.slot().startsAt().toString(),
            "party",
                registration.partySize() == 1 ? "1 person" : registration.partySize() + " people",
            "code", ticket.code(),
            "link", link);
    String text = smsText;
    for (var value : values.entrySet()) {
      text = text.replace("{" + value.getKey() + "}", value.getValue());
    }
    Optional<WhatsAppContacts.Contact> chat =
        "whatsapp".equals(channel)
            ? contacts.of(registration.phone()).filter(c -> c.inSession(clock.instant()))
            : Optional.empty();
    if (chat.isPresent()) {
      // The visitor wrote to us within the last day: a reply in their language, not a template.
      return Optional.of(
          new OutgoingMessage(
              "ticket",
              OutgoingMessage.Channel.WHATSAPP,
              registration.phone(),
              inChat(Texts.Language.of(chat.get().language()), registration, ticket, event),
              link,
              null,
              Map.of()));
    }
    OutgoingMessage message =
        "whatsapp".equals(channel)
            ? new OutgoingMessage(
                "ticket",
                OutgoingMessage.Channel.WHATSAPP,
                registration.phone(),
                text,
                link,
                whatsappTicketContentSid,
                Map.of(
                    "1", event.name(),
                    "2", values.get("date") + " " + values.get("time"),
                    "3", ticket.code()))
            : OutgoingMessage.text(
                "ticket", OutgoingMessage.Channel.SMS, registration.phone(), text);
    return Optional.of(message);
  }

  private static String inChat(
      Texts.Language language, Registration registration, Ticket ticket, Event event) {
    int party = registration.partySize();
    return TEXTS.get(
        language,
        "ticket.whatsapp",
        Map.of(
            "event", event.name(),
            "venue", event.venue(),
            "date",
                DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", language.locale())
                    .format(ticket.date()),
            "time", registration.slot().startsAt().toString(),
            "party",
                party == 1
                    ? TEXTS.get(language, "party.one")
                    : TEXTS.get(language, "party.many", Map.of("n", party)),
            "code", ticket.code()));
  }
}
