package in.pravesh.notification.application;

import com.twilio.security.RequestValidator;
import in.pravesh.notification.domain.Message;
import in.pravesh.ticket.application.TicketDelivery;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Twilio's delivery reports (status callbacks): checked against {@code X-Twilio-Signature} first,
 * then the message's state follows them. A WhatsApp ticket that could not be delivered goes by SMS.
 */
@Stateless
public class DeliveryReports {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject TicketDelivery tickets;

  @Inject
  @ConfigProperty(name = "ticketing.twilio.auth-token", defaultValue = "dev-twilio-token")
  String authToken;

  @Inject
  @ConfigProperty(name = "ticketing.public.base-url", defaultValue = "http://localhost:8080")
  String publicBaseUrl;

  /** Whether Twilio signed these parameters for our public URL of {@code path}. */
  public boolean signedByTwilio(String path, Map<String, String> parameters, String signature) {
    return signature != null
        && new RequestValidator(authToken).validate(publicBaseUrl + path, parameters, signature);
  }

  /** Applies a report; unknown message ids are ignored (Twilio may report messages we forgot). */
  public void report(String messageSid, String status) {
    if (messageSid == null || status == null) {
      return;
    }
    Message.State state =
        switch (status) {
          case "delivered", "read" -> Message.State.DELIVERED;
          case "failed", "undelivered" -> Message.State.FAILED;
          case "sent" -> Message.State.SENT;
          default -> null;
        };
    if (state == null) {
      return;
    }
    em.createQuery("select m from Message m where m.providerId = :sid", Message.class)
        .setParameter("sid", messageSid)
        .getResultStream()
        .findFirst()
        .ifPresent(
            message -> {
              boolean wasFailed = message.state() == Message.State.FAILED;
              message.reported(state, clock.instant());
              if (state == Message.State.FAILED
                  && !wasFailed
                  && "whatsapp".equals(message.channel())
                  && "ticket".equals(message.kind())
                  && message.registrationId() != null) {
                tickets.deliver(message.registrationId(), "sms");
              }
            });
  }
}
