package in.pravesh.audit;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.UUID;

/** Records who did what, when and from where, in the caller's transaction. */
@Stateless
public class AuditLog {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;

  public void record(Actor actor, String action, String target, String detail) {
    em.createNativeQuery(
            "insert into audit_log (id, at, actor, action, target, detail, address)"
                + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .setParameter(1, UUID.randomUUID())
        .setParameter(2, java.sql.Timestamp.from(clock.instant()))
        .setParameter(3, actor.name())
        .setParameter(4, action)
        .setParameter(5, target)
        .setParameter(6, detail)
        .setParameter(7, actor.address())
        .executeUpdate();
  }

  /** Who acted: a person's id (or "system"), and the client address of the request. */
  public record Actor(String name, String address) {}
}
