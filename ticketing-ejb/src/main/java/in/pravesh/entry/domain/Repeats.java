package in.pravesh.entry.domain;

/**
 * What a ticket admitted today answers a scan that does not move it (api.md, Entry: exits and
 * re-entry), from its state: inside or not, its moves, the keys of the admitting scan and of the
 * last move. One rule for the database ({@code AdmissionLedger}) and the entry cache's record
 * ({@code Gatekeeper}), so that both answer a repeat alike.
 */
public final class Repeats {

  private Repeats() {}

  /**
   * The answer, or null when the scan would move the ticket (an exit, a re-entry: decided on the
   * locked row, with the event's rules and its occupancy). A scan sent again with its key (a retry
   * after a lost answer) gets its first answer.
   */
  public static ScanOutcome answer(
      Direction direction,
      boolean inside,
      int moves,
      String admitKey,
      String lastKey,
      String scanKey) {
    if (direction == Direction.IN) {
      if (same(scanKey, admitKey)) {
        return ScanOutcome.ADMITTED;
      }
      if (!inside) {
        return null;
      }
      return moves > 0 && same(scanKey, lastKey)
          ? ScanOutcome.READMITTED
          : ScanOutcome.ALREADY_ADMITTED;
    }
    if (inside) {
      return null;
    }
    return same(scanKey, lastKey) ? ScanOutcome.EXITED : ScanOutcome.NOT_INSIDE;
  }

  private static boolean same(String scanKey, String stored) {
    return scanKey != null && scanKey.equals(stored);
  }
}
