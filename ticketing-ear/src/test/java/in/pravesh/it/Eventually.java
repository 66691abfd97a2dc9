package in.pravesh.it;

/**
 * Public reads are answered from memory and may be up to 5 seconds stale (api.md); a test that
 * changes the database behind the server's back waits, within that bound, for its change to show.
 */
final class Eventually {

  interface Check {
    void run() throws Exception;
  }

  private Eventually() {}

  /** Runs {@code check} until it passes, for at most 5 seconds; its last failure otherwise. */
  static void holds(Check check) throws Exception {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (true) {
      try {
        check.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }
}
