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

  /** A gate that takes scans now (not retired). */
  public Optional<GateInfo> find(UUID id) {
    return find(id, false);
  }

  /**
   * A gate; with {@code retiredToo}, also one retired: a scanner offline did not know, and the scan
   * it made there happened (refusing it would lose a visitor's entry or exit).
   */
  public Optional<GateInfo> find(UUID id, boolean retiredToo) {
    Loaded loaded = GATES.get(id);
    if (loaded == null || loaded.at() <= System.currentTimeMillis() - KEEP_MILLIS) {
      loaded = load(id);
    }
    if (loaded == null || loaded.retired() && !retiredToo) {
      return Optional.empty();
    }
    return Optional.of(loaded.gate());
  }

  private Loaded load(UUID id) {
    List<?> rows =
        em.createNativeQuery(
                "select g.event_id, g.name, e.time_zone, g.retired_at from gate g join event e"
                    + " on e.id = g.event_id where g.id = ?1")
            .setParameter(1, id)
            .getResultList();
    if (rows.isEmpty()) {
      GATES.remove(id);
      return null;
    }
    Object[] row = (Object[]) rows.get(0);
    GateInfo gate = new GateInfo(id, (UUID) row[0], (String) row[1], ZoneId.of((String) row[2]));
    Loaded loaded = new Loaded(gate, row[3] != null, System.currentTimeMillis());
    GATES.put(id, loaded);
    return loaded;
  }

  private record Loaded(GateInfo gate, boolean retired, long at) {}
}
