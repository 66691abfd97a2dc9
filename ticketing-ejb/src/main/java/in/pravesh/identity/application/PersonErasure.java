package in.pravesh.identity.application;

import in.pravesh.notification.application.MessageLog;
import in.pravesh.notification.application.WhatsAppContacts;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;

/**
 * Consent withdrawn (DPDP Act): the contexts above erase what they keep ({@link ErasingPerson}, in
 * this transaction), then the messages sent to the person, their login codes and the person go, and
 * their tokens are revoked.
 */
@Stateless
public class PersonErasure {

  @PersistenceContext EntityManager em;
  @Inject Event<ErasingPerson> erasing;
  @Inject MessageLog messages;
  @Inject WhatsAppContacts contacts;
  @Inject TokenRevocations revocations;

  public void forget(UUID personId, String phone) {
    // The WhatsApp contact's row first: a chat message locks it before its conversation, so an
    // erasure that takes them in the same order never deadlocks with one.
    contacts.forget(phone);
    erasing.fire(new ErasingPerson(personId, phone));
    messages.forgetRecipient(phone);
    em.createNativeQuery("delete from otp_challenge where phone = ?1")
        .setParameter(1, phone)
        .executeUpdate();
    em.createNativeQuery("delete from person where id = ?1")
        .setParameter(1, personId)
        .executeUpdate();
    revocations.revokeSubject(personId);
  }
}
