package in.pravesh.whatsapp.domain;

import in.pravesh.platform.Texts.Language;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One phone's WhatsApp conversation, shared by all nodes: the step it is at and what it has
 * gathered. Read under its row lock, so one number's messages are answered in turn; it starts again
 * after a period of inactivity.
 */
@Entity
@Table(name = "whatsapp_conversation")
public class Conversation {

  /** Where a conversation is (api.md, WhatsApp). */
  public enum Step {
    LANGUAGE,
    NAME,
    EVENT,
    SLOT,
    PARTY,
    CONFIRM,
    DONE
  }

  @Id private String phone;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Step step;

  private String language;
  private String name;

  @Column(name = "event_id")
  private UUID eventId;

  @Column(name = "slot_id")
  private UUID slotId;

  @Column(name = "party_size")
  private Integer partySize;

  /** The ids behind the numbers last shown (events or slots), comma-separated. */
  private String choices;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Conversation() {}

  public Conversation(String phone, Instant now) {
    this.phone = phone;
    this.step = Step.LANGUAGE;
    this.updatedAt = now;
  }

  /** Whether it has been idle longer than {@code timeout}: the next message starts afresh. */
  public boolean idleSince(Instant now, Duration timeout) {
    return updatedAt.plus(timeout).isBefore(now);
  }

  /** A new conversation: greeting, then the language. */
  public void restart(Instant now) {
    step = Step.LANGUAGE;
    language = null;
    name = null;
    eventId = null;
    slotId = null;
    partySize = null;
    choices = null;
    updatedAt = now;
  }

  /** "start over": back to the name, in the language already chosen. */
  public void startOver() {
    name = null;
    slotId = null;
    partySize = null;
    choices = null;
    step = language == null ? Step.LANGUAGE : Step.NAME;
  }

  public void touch(Instant now) {
    updatedAt = now;
  }

  public void speak(Language chosen) {
    language = chosen.code();
    step = Step.NAME;
  }

  public void named(String name) {
    this.name = name;
  }

  /** The event people registered for come from a poster's link ("demo-book-fair"). */
  public void forEvent(UUID eventId) {
    this.eventId = eventId;
  }

  public void offer(Step step, List<UUID> ids) {
    this.step = step;
    this.choices = ids.stream().map(UUID::toString).reduce((a, b) -> a + "," + b).orElse("");
  }

  /** The id behind number {@code n} of the last list shown. */
  public Optional<UUID> choice(int n) {
    List<String> ids =
        choices == null || choices.isEmpty() ? List.of() : Arrays.asList(choices.split(","));
    return n >= 1 && n <= ids.size()
        ? Optional.of(UUID.fromString(ids.get(n - 1)))
        : Optional.empty();
  }

  public int choiceCount() {
    return choices == null || choices.isEmpty() ? 0 : choices.split(",").length;
  }

  public void chooseSlot(UUID slotId) {
    this.slotId = slotId;
    this.choices = null;
    this.step = Step.PARTY;
  }

  public void party(int size) {
    this.partySize = size;
    this.step = Step.CONFIRM;
  }

  public void done() {
    this.step = Step.DONE;
  }

  public String phone() {
    return phone;
  }

  public Step step() {
    return step;
  }

  /** The chosen language; empty before the choice (messages then go in both). */
  public Optional<Language> language() {
    return Optional.ofNullable(language).map(Language::of);
  }

  public String name() {
    return name;
  }

  public Optional<UUID> eventId() {
    return Optional.ofNullable(eventId);
  }

  public UUID slotId() {
    return slotId;
  }

  public int partySize() {
    return partySize;
  }
}
