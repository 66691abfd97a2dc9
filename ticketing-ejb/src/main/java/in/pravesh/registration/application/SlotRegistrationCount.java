package in.pravesh.registration.application;

import in.pravesh.event.application.SlotRegistrations;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.UUID;

/** The registrations of a slot, cancelled ones included, for the event context. */
@Stateless
@Local(SlotRegistrations.class)
public class SlotRegistrationCount implements SlotRegistrations {

  @PersistenceContext EntityManager em;

  @Override
  public long count(UUID slotId) {
    return em.createQuery("select count(r) from Registration r where r.slot.id = :slot", Long.class)
        .setParameter("slot", slotId)
        .getSingleResult();
  }
}
