package in.pravesh.audit;

import java.time.OffsetDateTime;
import java.util.List;

/** A page of the audit log, newest first, and how many entries match in all. */
public record AuditPage(List<Entry> items, int page, int size, long total) {

  /**
   * Who ({@code actor}, a person's id, with their phone while they exist) did what, when, where.
   */
  public record Entry(
      String id,
      OffsetDateTime at,
      String actor,
      String actorPhone,
      String action,
      String target,
      String detail,
      String address) {}
}
