package in.pravesh.platform;

import static org.assertj.core.api.Assertions.assertThat;

import in.pravesh.platform.Texts.Language;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextsTest {

  private final Texts chat = new Texts("in.pravesh.whatsapp.ChatTexts");

  @Test
  void eachLanguageFromItsOwnBundleWithApostrophesKept() {
    assertThat(chat.get(Language.EN, "done")).contains("'ticket'");
    assertThat(chat.get(Language.HI, "done")).contains("'टिकट'");
  }

  @Test
  void aValueIsNotReplacedAgain() {
    assertThat(chat.get(Language.EN, "submitted", Map.of("name", "{name} {privacy}")))
        .startsWith("Thank you, {name} {privacy}!");
  }

  @Test
  void everyKeyIsInBothLanguages() throws Exception {
    for (String bundle :
        new String[] {"in/pravesh/whatsapp/ChatTexts", "in/pravesh/ticket/TicketTexts"}) {
      var english = new java.util.Properties();
      var hindi = new java.util.Properties();
      try (var en = getClass().getClassLoader().getResourceAsStream(bundle + ".properties");
          var hi = getClass().getClassLoader().getResourceAsStream(bundle + "_hi.properties")) {
        english.load(new java.io.InputStreamReader(en, java.nio.charset.StandardCharsets.UTF_8));
        hindi.load(new java.io.InputStreamReader(hi, java.nio.charset.StandardCharsets.UTF_8));
      }
      assertThat(hindi.keySet()).as(bundle).isEqualTo(english.keySet());
    }
  }
}
