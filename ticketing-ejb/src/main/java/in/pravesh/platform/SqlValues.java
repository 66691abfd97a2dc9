package in.pravesh.platform;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Values of native query results, whatever type the JDBC driver and Hibernate chose. */
public final class SqlValues {

  private SqlValues() {}

  /**
   * The database's clock: one clock for times that nodes must order among themselves (a
   * revocation's cutoff, a token's issue time), whatever the nodes' own clocks say.
   */
  public static Instant databaseNow(jakarta.persistence.EntityManager em) {
    return instant(em.createNativeQuery("select clock_timestamp()").getSingleResult());
  }

  public static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    throw new IllegalArgumentException("not a timestamp: " + value.getClass());
  }
}
