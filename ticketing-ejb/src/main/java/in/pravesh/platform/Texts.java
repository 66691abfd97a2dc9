package in.pravesh.platform;

import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words people read, from resource bundles in English and Hindi (properties files, UTF-8), never
 * from code. Placeholders are named, {@code {name}}, and replaced as written: no {@link
 * java.text.MessageFormat}, whose quoting would swallow the apostrophes of "'start over'". The
 * server's own locale never decides: a bundle is read for exactly the language asked for.
 */
public final class Texts {

  /** The languages we write in. */
  public enum Language {
    EN(Locale.ENGLISH),
    HI(Locale.forLanguageTag("hi-IN"));

    private final Locale locale;

    Language(Locale locale) {
      this.locale = locale;
    }

    public Locale locale() {
      return locale;
    }

    /** {@code en} or {@code hi}, as stored. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The language of a stored code; English for none. */
    public static Language of(String code) {
      return "hi".equals(code) ? HI : EN;
    }
  }

  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private final String baseName;

  public Texts(String baseName) {
    this.baseName = baseName;
  }

  /** The text of {@code key} in {@code language}, its {@code {name}} placeholders replaced. */
  public String get(Language language, String key, Map<String, ?> values) {
    String text =
        ResourceBundle.getBundle(
                baseName,
                language == Language.EN ? Locale.ROOT : language.locale(),
                Texts.class.getClassLoader(),
                NO_FALLBACK)
            .getString(key);
    // One pass: a value that holds "{name}" (a person's name can) is not replaced again.
    Matcher placeholder = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (placeholder.find()) {
      Object value = values.get(placeholder.group(1));
      placeholder.appendReplacement(
          out,
          Matcher.quoteReplacement(value == null ? placeholder.group() : String.valueOf(value)));
    }
    return placeholder.appendTail(out).toString();
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

  public String get(Language language, String key) {
    return get(language, key, Map.of());
  }
}
