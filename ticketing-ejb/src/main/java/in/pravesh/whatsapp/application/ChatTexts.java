package in.pravesh.whatsapp.application;

import in.pravesh.platform.Texts;
import in.pravesh.platform.Texts.Language;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

/**
 * The bot's words, from the bundles {@code in/pravesh/whatsapp/ChatTexts*.properties}: in the
 * conversation's language, or in English and Hindi together before one is chosen.
 */
final class ChatTexts {

  private static final Texts TEXTS = new Texts("in.pravesh.whatsapp.ChatTexts");

  private ChatTexts() {}

  static String say(Optional<Language> language, String key, Map<String, ?> values) {
    return language
        .map(l -> TEXTS.get(l, key, values))
        .orElseGet(
            () ->
                TEXTS.get(Language.EN, key, values) + "\n\n" + TEXTS.get(Language.HI, key, values));
  }

  static String say(Optional<Language> language, String key) {
    return say(language, key, Map.of());
  }

  static String say(Language language, String key, Map<String, ?> values) {
    return TEXTS.get(language, key, values);
  }

  /** A slot's date as people say it: "Tue 1 Dec", "मंगल 1 दिस॰". */
  static String date(Language language, LocalDate date) {
    return DateTimeFormatter.ofPattern("EEE d MMM", language.locale()).format(date);
  }

  static String party(Language language, int size) {
    return size == 1
        ? TEXTS.get(language, "party.one")
        : TEXTS.get(language, "party.many", Map.of("n", size));
  }
}
