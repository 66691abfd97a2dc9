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
  WRONG_EVENT
}
