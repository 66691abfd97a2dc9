package in.pravesh.audit;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
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

  /**
   * How many times an action was recorded since {@code since}, by an actor or on a target (either
   * may be null): what limits count when the rate-limit cache cannot answer.
   */
  public long count(String actor, String target, String action, Instant since) {
    return ((Number)
            em.createNativeQuery(
                    "select count(*) from audit_log where action = ?1 and at > ?2"
                        + " and (cast(?3 as varchar) is null or actor = ?3)"
                        + " and (cast(?4 as varchar) is null or target = ?4)")
                .setParameter(1, action)
                .setParameter(2, java.sql.Timestamp.from(since))
                .setParameter(3, actor)
                .setParameter(4, target)
                .getSingleResult())
        .longValue();
  }

  /**
   * A page of the log, newest first: {@code actor} a person's id, or a phone (E.164) whose person
   * is meant; {@code action} an action or its prefix ({@code slot.} for every slot change).
   */
  public AuditPage page(String actor, String action, int page, int size, ZoneId zone) {
    String where =
        " where (cast(?1 as varchar) is null or a.actor = ?1 or p.phone = ?1)"
            + " and (cast(?2 as varchar) is null or a.action = ?2 or a.action like ?3)";
    String from = " from audit_log a left join person p on cast(p.id as varchar) = a.actor";
    long total =
        ((Number)
                bind(em.createNativeQuery("select count(*)" + from + where), actor, action)
                    .getSingleResult())
            .longValue();
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        bind(
                em.createNativeQuery(
                    "select a.id, a.at, a.actor, p.phone, a.action, a.target, a.detail, a.address"
                        + from
                        + where
                        + " order by a.at desc, a.id"),
                actor,
                action)
            .setFirstResult(page * size)
            .setMaxResults(size)
            .getResultList();
    List<AuditPage.Entry> entries =
        rows.stream()
            .map(
                row ->
                    new AuditPage.Entry(
                        row[0].toString(),
                        instant(row[1]).atZone(zone).toOffsetDateTime(),
                        (String) row[2],
                        (String) row[3],
                        (String) row[4],
                        (String) row[5],
                        (String) row[6],
                        (String) row[7]))
            .toList();
    return new AuditPage(entries, page, size, total);
  }

  private static Query bind(Query query, String actor, String action) {
    // "slot." means every slot action: a prefix, its LIKE wildcards escaped.
    String prefix =
        action != null && action.endsWith(".")
            ? action.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "%"
            : "";
    return query.setParameter(1, actor).setParameter(2, action).setParameter(3, prefix);
  }

  private static Instant instant(Object value) {
    if (value instanceof java.sql.Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof java.time.OffsetDateTime offset) {
      return offset.toInstant();
    }
    return (Instant) value;
  }

  /** Who acted: a person's id (or "system"), and the client address of the request. */
  public record Actor(String name, String address) {}
}
