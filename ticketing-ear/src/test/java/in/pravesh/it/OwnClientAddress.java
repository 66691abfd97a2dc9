package in.pravesh.it;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test class a client address of its own (sent as X-Forwarded-For, which the test server
 * trusts from 127.0.0.1), so that one class's writes never spend the next class's share of the
 * per-address write limit (600 a minute). Without it every class wrote from 127.0.0.1, and on a
 * fast machine the classes before StreamIT spent the minute's budget: 14 tests got 429. Requests
 * that set their own X-Forwarded-For (the rate limit tests) keep theirs. Registered for every class
 * by JUnit's extension auto-detection (junit-platform.properties).
 */
public final class OwnClientAddress implements BeforeAllCallback {

  private static final AtomicInteger CLASSES = new AtomicInteger();
  private static volatile String current = "100.64.0.1";

  /** The address the running test class writes from. */
  static String current() {
    return current;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    int n = CLASSES.incrementAndGet();
    // 100.64.0.0/10 (shared address space): never one of the addresses the tests pick themselves.
    current = "100.64." + (n / 250) + "." + (1 + n % 250);
  }
}
