package in.pravesh.registration.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;

/** One batch of {@link RegistrationRetention}, in its own transaction. */
@Stateless
public class RegistrationAnonymiser {

  static final int BATCH = 1_000;

  @PersistenceContext EntityManager em;

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int anonymise(Timestamp now, int days) {
    return em.createNativeQuery(
            "with due as (select r.id, r.person_id from registration r"
                + " join slot s on s.id = r.slot_id join event e on e.id = s.event_id"
                + " where r.anonymised_at is null and e.ends_on + ?2"
                + " < cast((cast(?1 as timestamptz) at time zone e.time_zone) as date)"
                + " order by r.id limit ?3 for update of r skip locked)"
                + " update registration r set name = null, phone = null, email = null,"
                + " person_id = null, anonymised_at = ?1, version = r.version + 1"
                + " from due where r.id = due.id")
        .setParameter(1, now)
        .setParameter(2, days)
        .setParameter(3, BATCH)
        .executeUpdate();
  }
}
