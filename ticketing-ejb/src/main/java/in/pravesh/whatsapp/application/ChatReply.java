package in.pravesh.whatsapp.application;

import in.pravesh.platform.Texts.Language;
import java.util.List;
import java.util.Optional;

/**
 * The bot's answer to one message: the texts of the reply (TwiML messages, in order), and whether
 * the person asked for their tickets, which are sent once the conversation's step has committed.
 */
public record ChatReply(List<String> messages, boolean sendTickets, Optional<Language> language) {

  /** No answer: a message seen before, or one over the number's flood limit. */
  public static final ChatReply NONE = new ChatReply(List.of(), false, Optional.empty());

  static ChatReply of(String... messages) {
    return new ChatReply(List.of(messages), false, Optional.empty());
  }

  static ChatReply tickets(Optional<Language> language) {
    return new ChatReply(List.of(), true, language);
  }

  ChatReply then(String message) {
    List<String> all = new java.util.ArrayList<>(messages);
    all.add(message);
    return new ChatReply(List.copyOf(all), sendTickets, language);
  }

  ChatReply then(ChatReply next) {
    List<String> all = new java.util.ArrayList<>(messages);
    all.addAll(next.messages);
    return new ChatReply(
        List.copyOf(all), sendTickets || next.sendTickets, language.or(() -> next.language));
  }
}
