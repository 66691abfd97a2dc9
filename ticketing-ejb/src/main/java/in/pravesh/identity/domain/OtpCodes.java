package in.pravesh.identity.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes six-digit codes from a secure random source and hashes them with HMAC-SHA256 keyed by a
 * pepper from configuration, bound to the phone: a stolen table alone reveals no code.
 */
public final class OtpCodes {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String LOGIN_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

  private final SecretKeySpec pepper;

  public OtpCodes(String pepper) {
    if (pepper == null || pepper.isBlank()) {
      throw new IllegalArgumentException("an OTP pepper is required");
    }
    this.pepper = new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public String newCode() {
    return String.format("%06d", RANDOM.nextInt(1_000_000));
  }

  public String hash(PhoneNumber phone, String code) {
    return hash(phone.e164() + ":" + code);
  }

  /** The keyed hash of any secret (staff login codes). */
  public String hash(String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(pepper);
      return HexFormat.of().formatHex(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** A one-time staff login code: 12 characters with no easily confused ones, in groups of 4. */
  public String newLoginCode() {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      if (i > 0 && i % 4 == 0) {
        code.append('-');
      }
      code.append(LOGIN_CODE_ALPHABET.charAt(RANDOM.nextInt(LOGIN_CODE_ALPHABET.length())));
    }
    return code.toString();
  }

  /** A login code as typed: case, spaces and dashes do not matter. */
  public static String normalizeLoginCode(String typed) {
    return typed == null
        ? ""
        : typed.toUpperCase(java.util.Locale.ROOT).replaceAll("[^0-9A-Z]", "");
  }
}
