package in.pravesh.whatsapp.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Either the person gets the real answer, or nothing of their message is committed. */
class PendingAnswerTest {

  @Test
  void workNotStartedByTheDeadlineNeverStarts() {
    PendingAnswer pending = new PendingAnswer();
    assertThat(pending.giveUp()).isTrue();
    assertThat(pending.start()).isFalse();
  }

  @Test
  void workRunningAtTheDeadlineMayNotCommit() {
    PendingAnswer pending = new PendingAnswer();
    assertThat(pending.start()).isTrue();
    assertThat(pending.giveUp()).as("busy").isTrue();
    assertThat(pending.mayCommit()).as("its transaction rolls back").isFalse();
  }

  @Test
  void workCommittingAtTheDeadlineIsWaitedForOnce() {
    PendingAnswer pending = new PendingAnswer();
    assertThat(pending.start()).isTrue();
    assertThat(pending.mayCommit()).isTrue();
    assertThat(pending.giveUp()).as("wait a little longer").isFalse();
    assertThat(pending.giveUp()).as("then busy").isTrue();
  }

  @Test
  void aTransactionIsAllowedToCommitOnce() {
    PendingAnswer pending = new PendingAnswer();
    pending.start();
    pending.mayCommit();
    assertThat(pending.mayCommit()).as("commits once").isFalse();
  }
}
