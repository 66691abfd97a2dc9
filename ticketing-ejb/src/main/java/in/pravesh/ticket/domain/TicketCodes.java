package in.pravesh.ticket.domain;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Short human codes for manual entry at a gate ({@code 7K3M-Q9XD}): 8 characters from an alphabet
 * without easily confused ones (no 0/O, 1/I/L, 5/S, 2/Z, 8/B), about 37 bits, unique per event.
 */
public final class TicketCodes {

  static final String ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY";
  private static final SecureRandom RANDOM = new SecureRandom();

  private TicketCodes() {}

  public static String next() {
    StringBuilder code = new StringBuilder(9);
    for (int i = 0; i < 8; i++) {
      if (i == 4) {
        code.append('-');
      }
      code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }

  /** A code as typed at a gate: case, spaces and the dash do not matter. */
  public static String normalize(String typed) {
    String compact =
        typed == null ? "" : typed.toUpperCase(Locale.ROOT).replaceAll("[^0-9A-Z]", "");
    return compact.length() == 8 ? compact.substring(0, 4) + "-" + compact.substring(4) : compact;
  }
}
