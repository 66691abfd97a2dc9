package in.pravesh.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextInputTest {

  @Test
  void utf8TextIncludingDevanagariIsClean() {
    assertThat(TextInput.isCleanUtf8("प्रवेश, Pravesh".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(TextInput.isCleanPercentEncoded("/api/events/book-fair%20%E0%A4%AA")).isTrue();
    assertThat(TextInput.isCleanPercentEncoded("q=प्रवेश&x=100%")).isTrue();
  }

  @Test
  void aNulIsRefusedRawOrPercentEncoded() {
    assertThat(TextInput.isCleanUtf8(new byte[] {'a', 0, 'b'})).isFalse();
    assertThat(TextInput.isCleanPercentEncoded("/api/events/%00")).isFalse();
    assertThat(TextInput.isCleanPercentEncoded("a=\0")).isFalse();
  }

  @Test
  void bytesThatAreNotUtf8AreRefused() {
    assertThat(TextInput.isCleanUtf8(new byte[] {(byte) 0xC3, 0x28})).isFalse();
    assertThat(TextInput.isCleanUtf8(new byte[] {(byte) 0xFF})).isFalse();
    assertThat(TextInput.isCleanPercentEncoded("/api/events/%C3%28")).isFalse();
    assertThat(TextInput.isCleanPercentEncoded("name=%ED%A0%80")).as("a surrogate").isFalse();
  }

  @Test
  void theJsonEscapeOfNulIsFoundButAnEscapedBackslashIsNotOne() {
    assertThat(TextInput.hasJsonNulEscape("{\"a\":\"x\\u0000\"}".getBytes(StandardCharsets.UTF_8)))
        .isTrue();
    assertThat(
            TextInput.hasJsonNulEscape("{\"a\":\"x\\\\u0000\"}".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
    assertThat(TextInput.hasJsonNulEscape("{\"a\":\"\\u00e9\"}".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
  }
}
