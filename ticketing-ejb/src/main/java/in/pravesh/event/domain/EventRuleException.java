package in.pravesh.event.domain;

import java.util.Map;

/**
 * An edit that the event's rules refuse: {@code field} names the input at fault (a 400), or is null
 * when the edit conflicts with what exists (a 409, for example seats already taken).
 */
public class EventRuleException extends RuntimeException {

  private final String field;
  private final Map<String, Object> numbers;

  public EventRuleException(String field, String message) {
    this(field, message, Map.of());
  }

  public EventRuleException(String field, String message, Map<String, Object> numbers) {
    super(message);
    this.field = field;
    this.numbers = numbers;
  }

  /** Numbers that explain a conflict (seats taken, for example). */
  public Map<String, Object> numbers() {
    return numbers;
  }

  public String field() {
    return field;
  }
}
