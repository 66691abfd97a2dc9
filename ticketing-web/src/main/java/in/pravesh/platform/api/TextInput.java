package in.pravesh.platform.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Checks of text as it arrives: UTF-8 only, and no NUL character (which no text column holds). */
final class TextInput {

  private TextInput() {}

  /** Whether the bytes are well-formed UTF-8 without a NUL. */
  static boolean isCleanUtf8(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return false;
      }
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** Whether percent-encoded text (a path, a query, a form body) decodes to clean UTF-8. */
  static boolean isCleanPercentEncoded(String raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length()) {
        int high = Character.digit(raw.charAt(i + 1), 16);
        int low = Character.digit(raw.charAt(i + 2), 16);
        if (high >= 0 && low >= 0) {
          bytes.write(high * 16 + low);
          i += 2;
          continue;
        }
      }
      if (c <= 0x7f) {
        bytes.write(c);
        continue;
      }
      // Already decoded text: it must be whole characters, written back as UTF-8.
      int codePoint = raw.codePointAt(i);
      if (Character.isSurrogate((char) codePoint)) {
        return false;
      }
      bytes.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
      i += Character.charCount(codePoint) - 1;
    }
    return isCleanUtf8(bytes.toByteArray());
  }

  /**
   * Whether a JSON text holds the escape of NUL ({@code \u0000}), outside of an escaped backslash.
   */
  static boolean hasJsonNulEscape(byte[] json) {
    for (int i = 0; i + 5 < json.length; i++) {
      if (json[i] == '\\') {
        if (json[i + 1] == 'u'
            && json[i + 2] == '0'
            && json[i + 3] == '0'
            && json[i + 4] == '0'
            && json[i + 5] == '0') {
          return true;
        }
        i++; // skip the escaped character, so "\\u0000" (a backslash, then text) is not a NUL
      }
    }
    return false;
  }
}
