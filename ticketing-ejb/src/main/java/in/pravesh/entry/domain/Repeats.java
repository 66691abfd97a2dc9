package in.pravesh.entry.domain;

/**
 * What a ticket admitted today answers a scan that does not move it (api.md, Entry: exits and
 * re-entry), from its state: inside or not, the keys of the admitting scan and of the recent moves.
 * One rule for the database ({@code AdmissionLedger}) and the entry cache's record ({@code
 * Gatekeeper}), so that both answer a repeat alike.
 */
public final class Repeats {

  /** How many moves' keys a ticket keeps (a retry comes long before that many more moves). */
  public static final int MOVE_KEYS_KEPT = 8;

  private Repeats() {}

  /**
   * The answer, or null when the scan would move the ticket (an exit, a re-entry: decided on the
   * locked row, with the event's rules and its occupancy). A scan sent again with its key (a retry
   * after a lost answer, an offline batch sent again) gets its first answer: the admitting scan's,
   * or one of the recent moves' in the same direction ({@code moveKeys}: {@code I:key} or {@code
   * O:key}, newest first, separated by spaces; an untagged key, written before the tags, matches
   * either direction).
   */
  public static ScanOutcome answer(
      Direction direction, boolean inside, String admitKey, String moveKeys, String scanKey) {
    if (scanKey != null) {
      if (direction == Direction.IN && scanKey.equals(admitKey)) {
        return ScanOutcome.ADMITTED;
      }
      if (moveKeys != null) {
        String keys = " " + moveKeys + " ";
        if (keys.contains(" " + tag(direction) + scanKey + " ")
            || keys.contains(" " + scanKey + " ")) {
          return direction == Direction.IN ? ScanOutcome.READMITTED : ScanOutcome.EXITED;
        }
      }
    }
    if (direction == Direction.IN) {
      return inside ? ScanOutcome.ALREADY_ADMITTED : null;
    }
    return inside ? null : ScanOutcome.NOT_INSIDE;
  }

  /** The recent moves' keys after a move by {@code scanKey}: it first, the oldest dropped. */
  public static String withMove(String moveKeys, Direction direction, String scanKey) {
    if (scanKey == null) {
      return moveKeys;
    }
    StringBuilder keys = new StringBuilder(tag(direction)).append(scanKey);
    if (moveKeys != null && !moveKeys.isEmpty()) {
      String[] old = moveKeys.split(" ");
      for (int i = 0; i < Math.min(old.length, MOVE_KEYS_KEPT - 1); i++) {
        keys.append(' ').append(old[i]);
      }
    }
    return keys.toString();
  }

  private static String tag(Direction direction) {
    return direction == Direction.IN ? "I:" : "O:";
  }
}
