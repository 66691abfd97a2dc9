package in.pravesh.analytics.application;

import in.pravesh.entry.domain.ScannedTicket;
import java.time.OffsetDateTime;

/**
 * A ticket that got in twice while scanners were offline (api.md, Entry: {@code GET
 * /api/admin/conflicts}): the admission that stands, and the offline one found after it.
 */
public record EntryConflict(ScannedTicket ticket, Side first, Side second) {

  /** One of the two admissions: the gate's name, the device, the volunteer's name, when. */
  public record Side(String gate, String device, String volunteer, OffsetDateTime at) {}
}
