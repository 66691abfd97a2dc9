package in.pravesh.entry.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gates by id, kept in memory for a minute: every scan names its gate, and gates (and their event's
 * time zone) change rarely. A CDI bean, not an EJB: a gate found in memory costs no container call
 * and no transaction (an EJB's was 4 % of the server's CPU in a scan storm); one read from the
 * database runs outside a transaction.
 */
@ApplicationScoped
public class GateDirectory {

  private static final long KEEP_MILLIS = 60_000;
  private static final Map<UUID, Loaded> GATES = new ConcurrentHashMap<>();

  @PersistenceContext EntityManager em;

  public Optional<GateInfo> find(UUID id) {
    Loaded loaded = GATES.get(id);
    if (loaded != null && loaded.at() > System.currentTimeMillis() - KEEP_MILLIS) {
      return Optional.of(loaded.gate());
    }
    List<?> rows =
        em.createNativeQuery(
                "select g.event_id, g.name, e.time_zone from gate g join event e"
                    + " on e.id = g.event_id where g.id = ?1 and g.retired_at is null")
            .setParameter(1, id)
            .getResultList();
    if (rows.isEmpty()) {
      GATES.remove(id);
      return Optional.empty();
    }
    Object[] row = (Object[]) rows.get(0);
    GateInfo gate = new GateInfo(id, (UUID) row[0], (String) row[1], ZoneId.of((String) row[2]));
    GATES.put(id, new Loaded(gate, System.currentTimeMillis()));
    return Optional.of(gate);
  }

  private record Loaded(GateInfo gate, long at) {}
}
