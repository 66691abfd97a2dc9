package in.pravesh.platform;

import java.util.regex.Pattern;

/** Personal data kept out of logs and stored error texts. */
public final class Redaction {

  private static final Pattern PHONE_LIKE = Pattern.compile("\\+?\\d{6,11}(\\d{4})");

  private Redaction() {}

  /**
   * The text with every phone-number-like run of digits masked but its last four (a provider's
   * error messages name the number).
   */
  public static String phoneNumbers(String text) {
    return text == null ? null : PHONE_LIKE.matcher(text).replaceAll("******$1");
  }
}
