package in.pravesh.whatsapp.domain;

import static org.assertj.core.api.Assertions.assertThat;

import in.pravesh.platform.Texts.Language;
import in.pravesh.whatsapp.domain.ChatInput.Command;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ChatInputTest {

  @Test
  void devanagariDigitsAreDigits() {
    assertThat(ChatInput.of("३").number()).isEqualTo(OptionalInt.of(3));
    assertThat(ChatInput.of(" १० ").number()).isEqualTo(OptionalInt.of(10));
    assertThat(ChatInput.of("2.").number()).isEqualTo(OptionalInt.of(2));
    assertThat(ChatInput.of("२").language()).contains(Language.HI);
  }

  @Test
  void notNumbersAreNotNumbers() {
    assertThat(ChatInput.of("two").number()).isEmpty();
    assertThat(ChatInput.of("1 2").number()).isEmpty();
    assertThat(ChatInput.of("-1").number()).isEmpty();
    assertThat(ChatInput.of("99999999999999").number()).isEmpty();
    assertThat(ChatInput.of("").number()).isEmpty();
  }

  @Test
  void commandsInBothLanguagesWhateverTheCase() {
    assertThat(ChatInput.of("HELP").command()).contains(Command.HELP);
    assertThat(ChatInput.of("मदद").command()).contains(Command.HELP);
    assertThat(ChatInput.of("Start  Over!").command()).contains(Command.START_OVER);
    assertThat(ChatInput.of("फिर से").command()).contains(Command.START_OVER);
    assertThat(ChatInput.of("रद्द").command()).contains(Command.CANCEL);
    assertThat(ChatInput.of("टिकट").command()).contains(Command.TICKET);
    assertThat(ChatInput.of("STOP").command()).contains(Command.STOP);
    assertThat(ChatInput.of("बंद").command()).contains(Command.STOP);
    assertThat(ChatInput.of("start").command()).contains(Command.START);
    assertThat(ChatInput.of("tickets please").command()).isEmpty();
  }

  @Test
  void yesAndNo() {
    assertThat(ChatInput.of("Yes").yes()).isTrue();
    assertThat(ChatInput.of("हाँ").yes()).isTrue();
    assertThat(ChatInput.of("१").yes()).isTrue();
    assertThat(ChatInput.of("yess").yes()).isFalse();
    assertThat(ChatInput.of("नहीं").no()).isTrue();
  }

  @Test
  void namesInAnyScriptWithEmojiAreTakenAsWritten() {
    assertThat(ChatInput.of("  Asha   Rao 🌸 ").name()).contains("Asha Rao 🌸");
    assertThat(ChatInput.of("आशा राव").name()).contains("आशा राव");
    assertThat(ChatInput.of("Ravi\nकुमार").name()).contains("Ravi कुमार");
    assertThat(ChatInput.of("👩‍👩‍👧").name()).as("no letter").isEmpty();
    assertThat(ChatInput.of("12345").name()).isEmpty();
    assertThat(ChatInput.of("a".repeat(101)).name()).isEmpty();
    assertThat(ChatInput.of("a".repeat(101)).tooLongForAName()).isTrue();
    assertThat(ChatInput.of("a".repeat(100)).name()).isPresent();
  }

  @Test
  void namesWithCharactersNoReplyMayCarryAreRefusedAndOverridesDropped() {
    assertThat(ChatInput.of("A\uFFFFsha").name()).isEmpty();
    assertThat(ChatInput.of("A\uFDD0sha").name()).isEmpty();
    assertThat(ChatInput.of("A\uE000sha").name()).as("private use").isEmpty();
    assertThat(ChatInput.of("Asha\uD800").name()).as("lone surrogate").isEmpty();
    assertThat(ChatInput.of("\u202EahsA").name()).contains("ahsA");
    assertThat(ChatInput.of("क्\u200Dष").name()).as("joiner kept").contains("क्\u200Dष");
  }

  @Test
  void aDandaEndsASentence() {
    assertThat(ChatInput.of("हाँ।").yes()).isTrue();
  }
}
