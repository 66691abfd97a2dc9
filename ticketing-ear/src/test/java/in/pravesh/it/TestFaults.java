package in.pravesh.it;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Switches of the test hooks (in.pravesh.testhooks.FaultInterceptor, in the test server's EAR
 * only): while a switch file exists in the test server's base directory, its fault is on.
 */
final class TestFaults {

  private TestFaults() {}

  /** Every call of the replicated cache {@code name} fails, as when it is unavailable. */
  static AutoCloseable cacheFails(String name) throws Exception {
    return on("cache-" + name);
  }

  /** Every photo decode takes 1.5 s longer (inside the decode's bulkhead). */
  static AutoCloseable slowPhotos() throws Exception {
    return on("slow-photos");
  }

  private static AutoCloseable on(String name) throws Exception {
    Path dir = Path.of(System.getProperty("it.base.dir"), "faults");
    Files.createDirectories(dir);
    Path file = Files.writeString(dir.resolve(name), "on");
    return () -> Files.deleteIfExists(file);
  }
}
