package in.pravesh.whatsapp.application;

import in.pravesh.audit.AuditLog;
import in.pravesh.identity.application.People;
import in.pravesh.identity.domain.PhoneNumber;
import in.pravesh.platform.Texts.Language;
import in.pravesh.registration.application.Caller;
import in.pravesh.registration.application.RegistrationView;
import in.pravesh.registration.application.Registrations;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * "ticket" in the chat: the number's tickets for today or later go again, by WhatsApp, through the
 * same resend as the web's (three times an hour per registration, audited). In a transaction of its
 * own, after the conversation's: a refusal (the hourly limit) rolls back only this.
 */
@Stateless
public class ChatTickets {

  /** The most tickets one request sends (a family's visits on several days). */
  static final int MAX = 3;

  @PersistenceContext EntityManager em;
  @Inject People people;
  @Inject Registrations registrations;

  /** Sends them and says so; the words for "none yet" or "none" otherwise. */
  public String send(String phone, Optional<Language> language) {
    Optional<Caller> caller =
        people
            .byPhone(new PhoneNumber(phone))
            .map(person -> new Caller(person.id(), phone, Set.of("visitor")));
    List<RegistrationView> upcoming = caller.map(registrations::upcoming).orElse(List.of());
    List<RegistrationView> ticketed =
        upcoming.stream().filter(r -> "TICKETED".equals(r.status())).limit(MAX).toList();
    if (ticketed.isEmpty()) {
      boolean pending =
          upcoming.stream().anyMatch(r -> "PENDING".equals(r.status())) || submissionPending(phone);
      return ChatTexts.say(language, pending ? "ticket.pending" : "ticket.none");
    }
    AuditLog.Actor actor = new AuditLog.Actor(caller.get().personId().toString(), "whatsapp");
    for (RegistrationView registration : ticketed) {
      registrations.resend(
          caller.get(), java.util.UUID.fromString(registration.id()), "whatsapp", actor);
    }
    return ChatTexts.say(language, "ticket.sent");
  }

  private boolean submissionPending(String phone) {
    return !em.createNativeQuery(
            "select 1 from whatsapp_submission where phone = ?1 and state = 'PENDING'")
        .setParameter(1, phone)
        .getResultList()
        .isEmpty();
  }
}
