package in.pravesh.entry.domain;

import static in.pravesh.entry.domain.Direction.IN;
import static in.pravesh.entry.domain.Direction.OUT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepeatsTest {

  @Test
  void aScanThatWouldMoveTheTicketIsLeftToTheDatabase() {
    assertThat(Repeats.answer(OUT, true, "a", null, "new")).isNull();
    assertThat(Repeats.answer(IN, false, "a", "x", "new")).isNull();
  }

  @Test
  void aScanThatMovesNobodyIsAnsweredFromTheState() {
    assertThat(Repeats.answer(IN, true, "a", null, "new")).isEqualTo(ScanOutcome.ALREADY_ADMITTED);
    assertThat(Repeats.answer(OUT, false, "a", "x", "new")).isEqualTo(ScanOutcome.NOT_INSIDE);
    assertThat(Repeats.answer(IN, true, "a", null, null)).isEqualTo(ScanOutcome.ALREADY_ADMITTED);
  }

  @Test
  void aRetryGetsItsFirstAnswerEvenAfterLaterMoves() {
    // Admitted by a, out by b, in by c, out by d: the ticket is outside.
    String keys =
        Repeats.withMove(Repeats.withMove(Repeats.withMove(null, OUT, "b"), IN, "c"), OUT, "d");
    assertThat(keys).isEqualTo("O:d I:c O:b");
    assertThat(Repeats.answer(IN, false, "a", keys, "a")).isEqualTo(ScanOutcome.ADMITTED);
    // b's retry, after two more moves: its exit, not a second one (nor NOT_INSIDE).
    assertThat(Repeats.answer(OUT, false, "a", keys, "b")).isEqualTo(ScanOutcome.EXITED);
    // c's retry while outside: its re-entry, not a new one.
    assertThat(Repeats.answer(IN, false, "a", keys, "c")).isEqualTo(ScanOutcome.READMITTED);
    assertThat(Repeats.answer(OUT, false, "a", keys, "d")).isEqualTo(ScanOutcome.EXITED);
    // A key that is a part of another is not it.
    assertThat(Repeats.answer(IN, false, "a", "I:dd O:cc", "c")).isNull();
  }

  @Test
  void aKeyAnswersOnlyInItsOwnDirection() {
    String keys = Repeats.withMove(Repeats.withMove(null, OUT, "b"), IN, "c");
    // An exit's key sent as an entry (a scanner that turned its switch meanwhile): decided anew.
    assertThat(Repeats.answer(IN, false, "a", Repeats.withMove(null, OUT, "b"), "b")).isNull();
    assertThat(Repeats.answer(IN, true, "a", keys, "b")).isEqualTo(ScanOutcome.ALREADY_ADMITTED);
    // A re-entry's key sent as an exit while inside: a real exit.
    assertThat(Repeats.answer(OUT, true, "a", keys, "c")).isNull();
    // A key written before the tags matches either direction, as it did.
    assertThat(Repeats.answer(OUT, false, "a", "b", "b")).isEqualTo(ScanOutcome.EXITED);
  }

  @Test
  void onlyTheRecentMovesAreKept() {
    String keys = null;
    for (int i = 0; i < 20; i++) {
      keys = Repeats.withMove(keys, i % 2 == 0 ? OUT : IN, "k" + i);
    }
    assertThat(keys.split(" "))
        .hasSize(Repeats.MOVE_KEYS_KEPT)
        .startsWith("I:k19")
        .endsWith("O:k12");
    assertThat(Repeats.withMove(keys, IN, null)).isEqualTo(keys);
  }
}
