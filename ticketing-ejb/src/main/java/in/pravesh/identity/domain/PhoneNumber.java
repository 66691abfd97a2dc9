package in.pravesh.identity.domain;

import in.pravesh.platform.BusinessException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A phone number in E.164 ({@code +919812345678}). Accepts E.164 or a 10-digit Indian mobile
 * ({@code 9812345678}, taken as +91), with spaces, dashes and dots between digits, and only in the
 * configured country codes, so that nobody makes us pay for messages to premium numbers abroad.
 */
public record PhoneNumber(String e164) {

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final Pattern INDIAN_MOBILE = Pattern.compile("[6-9][0-9]{9}");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.()]");

  public PhoneNumber {
    if (e164 == null || !E164.matcher(e164).matches()) {
      throw new IllegalArgumentException("not an E.164 number");
    }
  }

  /**
   * Parses what a person typed.
   *
   * @param countryCodes the country calling codes we send to, without "+" (e.g. "91")
   * @throws BusinessException a 400 validation problem on the field {@code phone}
   */
  public static PhoneNumber parse(String raw, Set<String> countryCodes) {
    if (raw == null || raw.isBlank()) {
      throw invalid("A phone number is required");
    }
    String compact = SEPARATORS.matcher(raw.strip()).replaceAll("");
    String e164;
    if (INDIAN_MOBILE.matcher(compact).matches()) {
      e164 = "+91" + compact;
    } else if (compact.startsWith("00")) {
      e164 = "+" + compact.substring(2);
    } else {
      e164 = compact;
    }
    if (!E164.matcher(e164).matches()) {
      throw invalid(
          "Give a phone number as +<country code><number> or a 10-digit Indian mobile number");
    }
    if (e164.startsWith("+91") && !INDIAN_MOBILE.matcher(e164.substring(3)).matches()) {
      throw invalid("An Indian mobile number has 10 digits and starts with 6, 7, 8 or 9");
    }
    if (countryCodes.stream().noneMatch(code -> e164.startsWith("+" + code))) {
      throw invalid(
          "We only send messages to numbers with country code +"
              + String.join(", +", countryCodes));
    }
    return new PhoneNumber(e164);
  }

  /** The number with all but its last four digits hidden: {@code +91******5678}. */
  public String masked() {
    String countryAndFirst = e164.startsWith("+91") ? "+91" : e164.substring(0, 3);
    int hidden = e164.length() - countryAndFirst.length() - 4;
    return countryAndFirst + "*".repeat(Math.max(0, hidden)) + e164.substring(e164.length() - 4);
  }

  private static BusinessException invalid(String message) {
    return BusinessException.invalid("phone", message);
  }

  @Override
  public String toString() {
    return e164;
  }
}
