package in.pravesh.whatsapp.application;

import in.pravesh.identity.application.People;
import in.pravesh.identity.domain.PhoneNumber;
import in.pravesh.registration.application.Caller;
import in.pravesh.registration.application.NewRegistration;
import in.pravesh.registration.application.Registrations;
import in.pravesh.whatsapp.domain.Submission;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.Set;
import java.util.UUID;

/**
 * A confirmed conversation made into a registration, in a transaction of its own: the submission's
 * row is read under its lock and done at most once, and the registration, its ticket job and the
 * submission's state commit together. A job delivered again finds it done and does nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ChatSubmissions {

  @PersistenceContext EntityManager em;
  @Inject Registrations registrations;
  @Inject People people;

  public void register(UUID submissionId) {
    Submission submission = em.find(Submission.class, submissionId, LockModeType.PESSIMISTIC_WRITE);
    if (submission == null || !submission.pending()) {
      return;
    }
    PhoneNumber phone = new PhoneNumber(submission.phone());
    Caller caller = new Caller(people.findOrCreate(phone).id(), phone.e164(), Set.of("visitor"));
    submission.done(
        registrations.registerFromWhatsApp(
            caller,
            new NewRegistration(
                submission.slotId(), submission.name(), submission.partySize(), null, true),
            submission.consentAt()));
  }
}
