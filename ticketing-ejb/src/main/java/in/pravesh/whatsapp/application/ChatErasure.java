package in.pravesh.whatsapp.application;

import in.pravesh.identity.application.ErasingPerson;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Erasure (DELETE /api/me): the person's chats go with them, in the erasure's transaction. */
@Stateless
public class ChatErasure {

  @PersistenceContext EntityManager em;

  public void onErasing(@Observes ErasingPerson erasing) {
    for (String table :
        new String[] {"whatsapp_inbound", "whatsapp_conversation", "whatsapp_submission"}) {
      em.createNativeQuery("delete from " + table + " where phone = ?1")
          .setParameter(1, erasing.phone())
          .executeUpdate();
    }
  }
}
