package in.pravesh.ticket.application;

import in.pravesh.event.domain.Event;
import in.pravesh.notification.application.OutgoingMessage;
import in.pravesh.registration.domain.Registration;
import in.pravesh.ticket.domain.Ticket;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A registration's ticket as a message: SMS with the DLT-registered wording and the signed QR link,
 * or a WhatsApp template message with the QR image (the signed link as media).
 */
@Stateless
public class TicketMessages {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

  @PersistenceContext EntityManager em;
  @Inject TicketLinks links;
  @Inject Tickets tickets;

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
}
