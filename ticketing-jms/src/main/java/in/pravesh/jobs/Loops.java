package in.pravesh.jobs;

import java.util.List;
import java.util.function.BooleanSupplier;

/** What the bridge's long-running loops share. */
final class Loops {

  private Loops() {}

  /**
   * Sleeps for {@code millis} in steps of at most 250 ms, ending early once {@code running} says
   * no. Returns false if the thread was interrupted (its interrupt flag is set again): the loop
   * should stop.
   */
  static boolean sleepWhile(BooleanSupplier running, long millis) {
    long until = System.currentTimeMillis() + millis;
    while (running.getAsBoolean() && System.currentTimeMillis() < until) {
      try {
        Thread.sleep(Math.min(250, millis));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /**
   * Waits for the loops to end, {@code millis} for all of them together; gives up early (the
   * interrupt flag set again) if this thread is interrupted.
   */
  static void joinAll(List<Thread> loops, long millis) {
    long deadline = System.currentTimeMillis() + millis;
    for (Thread loop : loops) {
      try {
        loop.join(Math.max(1, deadline - System.currentTimeMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
