package in.pravesh.analytics.application;

import in.pravesh.entry.domain.ScannedTicket;
import java.time.OffsetDateTime;

/**
 * A ticket that got in when it should not have, found when offline scans were sent (api.md, Entry:
 * {@code GET /api/admin/conflicts}). {@code kind} TWICE: it got in twice; {@code first} is the
 * admission that stands, {@code second} the offline one found after it. {@code kind} REVOKED: an
 * offline scanner let it in after it was revoked; {@code first} is the revocation (only its time).
 */
public record EntryConflict(String kind, ScannedTicket ticket, Side first, Side second) {

  /** One side: the gate's name, the device, the volunteer's name, when (null where none). */
  public record Side(String gate, String device, String volunteer, OffsetDateTime at) {}
}
