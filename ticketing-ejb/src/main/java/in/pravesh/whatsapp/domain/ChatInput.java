package in.pravesh.whatsapp.domain;

import in.pravesh.platform.Texts.Language;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a person wrote in the chat, read the way people write: any case, extra spaces, a full stop
 * at the end, Devanagari digits (१, २, ...) as digits, commands in English or Hindi.
 */
public final class ChatInput {

  /** The words that work at every step of a conversation (api.md, WhatsApp). */
  public enum Command {
    HELP,
    CANCEL,
    TICKET,
    START_OVER,
    STOP,
    START
  }

  /** The longest name we take, in characters (a registration's limit is 200). */
  public static final int NAME_MAX = 100;

  private static final Map<String, Command> COMMANDS =
      Map.ofEntries(
          Map.entry("help", Command.HELP),
          Map.entry("मदद", Command.HELP),
          Map.entry("cancel", Command.CANCEL),
          Map.entry("रद्द", Command.CANCEL),
          Map.entry("ticket", Command.TICKET),
          Map.entry("टिकट", Command.TICKET),
          Map.entry("start over", Command.START_OVER),
          Map.entry("restart", Command.START_OVER),
          Map.entry("फिर से", Command.START_OVER),
          Map.entry("stop", Command.STOP),
          Map.entry("unsubscribe", Command.STOP),
          Map.entry("बंद", Command.STOP),
          Map.entry("start", Command.START));

  private static final Set<String> YES = Set.of("yes", "y", "1", "हाँ", "हां", "haan", "ha");
  private static final Set<String> NO = Set.of("no", "n", "2", "नहीं", "nahi", "nahin");

  private final String raw;
  private final String word;

  private ChatInput(String raw) {
    this.raw = raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFC);
    this.word = normalise(this.raw);
  }

  public static ChatInput of(String body) {
    return new ChatInput(body);
  }

  /** The text as compared with words: lower case, single spaces, digits in ASCII, no end dot. */
  public String word() {
    return word;
  }

  public Optional<Command> command() {
    return Optional.ofNullable(COMMANDS.get(word));
  }

  /** The whole text as a number (1 to 999), in any script's digits. */
  public OptionalInt number() {
    if (word.isEmpty() || word.length() > 3 || !word.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(Integer.parseInt(word));
  }

  public boolean yes() {
    return YES.contains(word);
  }

  public boolean no() {
    return NO.contains(word);
  }

  /** A choice of language: 1 or 2, or the language's name. */
  public Optional<Language> language() {
    return switch (word) {
      case "1", "english", "en", "अंग्रेज़ी", "अंग्रेजी" -> Optional.of(Language.EN);
      case "2", "hindi", "hi", "हिन्दी", "हिंदी" -> Optional.of(Language.HI);
      default -> Optional.empty();
    };
  }

  /**
   * The text as a person's name: single spaces, no control characters (the joiners that Indian
   * scripts and emoji need stay), at most {@link #NAME_MAX} characters and at least one letter in
   * any script. Empty when it is not a name.
   */
  public Optional<String> name() {
    if (raw.codePoints().anyMatch(ChatInput::unusable)) {
      return Optional.empty();
    }
    StringBuilder name = new StringBuilder();
    raw.codePoints()
        .filter(c -> !invisible(c))
        .map(c -> Character.isWhitespace(c) || Character.getType(c) == Character.CONTROL ? ' ' : c)
        .forEach(name::appendCodePoint);
    String text = name.toString().strip().replaceAll(" {2,}", " ");
    if (text.isEmpty()
        || text.codePointCount(0, text.length()) > NAME_MAX
        || text.codePoints().noneMatch(Character::isLetter)) {
      return Optional.empty();
    }
    return Optional.of(text);
  }

  /** Whether the text is longer than any name we take (to say so rather than "not a name"). */
  public boolean tooLongForAName() {
    return raw.strip().codePointCount(0, raw.strip().length()) > NAME_MAX;
  }

  /**
   * Characters no name holds and no XML reply may carry: lone surrogates, private use, and
   * Unicode's noncharacters (U+FFFE, U+FDD0...).
   */
  private static boolean unusable(int c) {
    // Unassigned code points pass: emoji newer than this JDK's Unicode are still emoji.
    int type = Character.getType(c);
    return type == Character.SURROGATE
        || type == Character.PRIVATE_USE
        || (c >= 0xFDD0 && c <= 0xFDEF)
        || (c & 0xFFFE) == 0xFFFE;
  }

  /**
   * Format characters dropped from names (bidirectional overrides that would turn a name around on
   * a screen), except the joiners Indian scripts and emoji need (U+200C, U+200D).
   */
  private static boolean invisible(int c) {
    return Character.getType(c) == Character.FORMAT && c != 0x200C && c != 0x200D;
  }

  private static String normalise(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .map(c -> Character.isDigit(c) ? '0' + Character.digit(c, 10) : c)
        .map(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) ? ' ' : c)
        .forEach(out::appendCodePoint);
    String word = out.toString().strip().toLowerCase(Locale.ROOT).replaceAll(" {2,}", " ");
    // "Yes." "help!" "2)" are what people type.
    return word.replaceAll("[.!?,;:)\\]।॥]+$", "").replaceAll("^[(\\[]+", "").strip();
  }
}
