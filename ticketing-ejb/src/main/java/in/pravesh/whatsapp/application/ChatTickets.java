package in.pravesh.whatsapp.application;

import in.pravesh.audit.AuditLog;
import in.pravesh.identity.application.People;
import in.pravesh.identity.domain.PhoneNumber;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.Texts.Language;
import in.pravesh.platform.ratelimit.RateLimitedException;
import in.pravesh.registration.application.Caller;
import in.pravesh.registration.application.RegistrationView;
import in.pravesh.registration.application.Registrations;
import in.pravesh.whatsapp.domain.Submission;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * "ticket" in the chat: the number's tickets for today or later go again, by WhatsApp, through the
 * same resend as the web's (three times an hour per registration, audited), each in a transaction
 * of its own, after the conversation's: one at its hourly limit holds back no other.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ChatTickets {

  /** The most tickets one request sends (a family's visits on several days). */
  static final int MAX = 3;

  @PersistenceContext EntityManager em;
  @Inject People people;
  @Inject Registrations registrations;

  /** Sends them and says so; the words for "none yet", "none" or "not now" otherwise. */
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
    int sent = 0;
    for (RegistrationView registration : ticketed) {
      try {
        registrations.resend(caller.get(), UUID.fromString(registration.id()), "whatsapp", actor);
        sent++;
      } catch (RateLimitedException e) {
        // This one was sent three times this hour; the others still go.
      } catch (BusinessException e) {
        // Cancelled a moment ago, say: the others still go.
      }
    }
    return ChatTexts.say(language, sent > 0 ? "ticket.sent" : "ticket.limited");
  }

  private boolean submissionPending(String phone) {
    return !em.createQuery(
            "select s.id from Submission s where s.phone = :phone and s.state = :pending")
        .setParameter("phone", phone)
        .setParameter("pending", Submission.State.PENDING)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }
}
