package in.pravesh.entry.domain;

/** What a gate tells the volunteer about one scan (api.md, Entry). */
public enum ScanOutcome {
  ADMITTED,
  ALREADY_ADMITTED,
  /** Unreadable, forged, signed by an unknown key, or a ticket that does not exist. */
  INVALID,
  REVOKED,
  /** A valid ticket for another date than today in the event's time zone. */
  WRONG_DATE,
  /** A valid ticket of another event than the gate's. */
  WRONG_EVENT,
  /** An OUT scan of a ticket inside: the whole party left. */
  EXITED,
  /** An OUT scan of a ticket that is not inside (never admitted today, or already out). */
  NOT_INSIDE,
  /** An IN scan of a ticket that exited, at an event that allows re-entry. */
  READMITTED,
  /** An IN scan that would admit while the event has {@code maxInside} people inside. */
  VENUE_FULL
}
