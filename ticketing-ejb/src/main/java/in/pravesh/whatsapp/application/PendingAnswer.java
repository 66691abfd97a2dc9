package in.pravesh.whatsapp.application;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One webhook call's answer while it is being worked out, shared by the worker and the webhook's
 * deadline. Either the person gets the real answer, or nothing of the message was committed: at the
 * deadline, work that has not reached its commit is abandoned (its transaction is then rolled back,
 * and a task not yet started never starts), and work already committing is waited for a little
 * longer. So a message answered "busy, send it again" has not moved the conversation on, and the
 * same message sent again is read at the same step.
 */
public final class PendingAnswer {

  private enum State {
    NEW,
    RUNNING,
    COMMITTING,
    ABANDONED
  }

  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final AtomicBoolean extended = new AtomicBoolean();

  /** The worker starts; false when the webhook gave up first. */
  boolean start() {
    return state.compareAndSet(State.NEW, State.RUNNING);
  }

  /** Just before the conversation's transaction commits: false when the webhook gave up. */
  boolean mayCommit() {
    return state.compareAndSet(State.RUNNING, State.COMMITTING);
  }

  /**
   * The deadline passed: true when the webhook should answer "busy" now (the work was abandoned, or
   * was already given its extra time once); false when the work is committing and its answer is
   * worth a little more waiting.
   */
  public boolean giveUp() {
    if (state.compareAndSet(State.NEW, State.ABANDONED)
        || state.compareAndSet(State.RUNNING, State.ABANDONED)) {
      return true;
    }
    return !extended.compareAndSet(false, true);
  }
}
