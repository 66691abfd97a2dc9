package in.pravesh.whatsapp.application;

import in.pravesh.identity.application.People;
import in.pravesh.identity.domain.PhoneNumber;
import in.pravesh.platform.SqlValues;
import in.pravesh.registration.application.Caller;
import in.pravesh.registration.application.NewRegistration;
import in.pravesh.registration.application.Registrations;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
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
    List<?> rows =
        em.createNativeQuery(
                "select phone, slot_id, name, party_size, consent_at from whatsapp_submission"
                    + " where id = ?1 and state = 'PENDING' for update")
            .setParameter(1, submissionId)
            .getResultList();
    if (rows.isEmpty()) {
      return;
    }
    Object[] row = (Object[]) rows.get(0);
    PhoneNumber phone = new PhoneNumber((String) row[0]);
    Caller caller = new Caller(people.findOrCreate(phone).id(), phone.e164(), Set.of("visitor"));
    UUID registrationId =
        registrations.registerFromWhatsApp(
            caller,
            new NewRegistration(
                (UUID) row[1], (String) row[2], ((Number) row[3]).intValue(), null, true),
            SqlValues.instant(row[4]));
    em.createNativeQuery(
            "update whatsapp_submission set state = 'DONE', registration_id = ?2 where id = ?1")
        .setParameter(1, submissionId)
        .setParameter(2, registrationId)
        .executeUpdate();
  }
}
