package in.pravesh.platform;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Values of native query results, whatever type the JDBC driver and Hibernate chose. */
public final class SqlValues {

  private SqlValues() {}

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
