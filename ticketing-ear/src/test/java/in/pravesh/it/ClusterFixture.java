package in.pravesh.it;

import static org.hamcrest.Matchers.equalTo;

import in.pravesh.sqs.LocalSqs;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The two-node cluster that the cluster tests share, started once by the repository's own {@code
 * scripts/cluster.sh} (as an operator would) at port offsets 300 and 400, on the test database,
 * accepting the test server's tokens (same JWT key directory), running the test server's EAR (with
 * its test hooks), behind WildFly's load balancer ({@link #balancer()}). Its nodes bridge their
 * jobs to SQS: ElasticMQ on loopback port {@value #SQS_PORT}, in this JVM ({@link #sqs()}). Stopped
 * when the test JVM ends, or by the last cluster test.
 */
final class ClusterFixture {

  static final int OFFSET = 300;
  static final int SQS_PORT = 19324;

  /**
   * The nodes' SQS visibility timeout: short, so that a test can make a job outlast it (a job
   * received again while its first receiver still works on it).
   */
  static final int SQS_VISIBILITY_SECONDS = 6;

  private static final Path BUILD_DIR = Path.of(System.getProperty("it.base.dir")).getParent();
  private static final Path ROOT = Path.of(System.getProperty("jboss.home")).resolve("../../..");
  private static final Path DIR = BUILD_DIR.resolve("cluster");
  private static boolean started;
  private static LocalSqs sqs;

  private ClusterFixture() {}

  static String http(int node) {
    return "http://localhost:" + (8080 + offset(node));
  }

  static String management(int node) {
    return "http://localhost:" + (9990 + offset(node));
  }

  /** WildFly's load balancer in front of the nodes (cluster.sh: HTTP port 8000 + offset). */
  static String balancer() {
    return "http://localhost:" + (8000 + OFFSET);
  }

  private static int offset(int node) {
    return OFFSET + 100 * (node - 1);
  }

  /** Starts the two nodes unless they run already; returns once both are ready. */
  static synchronized void ensureStarted() throws Exception {
    if (started) {
      return;
    }
    if (sqs == null) {
      sqs = new LocalSqs(SQS_PORT, SQS_VISIBILITY_SECONDS).start();
    }
    run("start", "2");
    started = true;
    Runtime.getRuntime().addShutdownHook(new Thread(ClusterFixture::stopQuietly));
  }

  /** The SQS server the nodes bridge their jobs to (started with the cluster). */
  static LocalSqs sqs() {
    return sqs;
  }

  /** Both nodes are ready, see each other, and their entry cache is available. */
  static void assertFormed() {
    assertFormed(2);
  }

  /** Nodes 1 to {@code size} are ready, see each other, and their entry cache is available. */
  static void assertFormed(int size) {
    for (int node = 1; node <= size; node++) {
      RestAssured.given()
          .baseUri(management(node))
          .get("/health/ready")
          .then()
          .statusCode(200)
          .body("checks.find { it.name == 'entry-cache' }.data.members", equalTo(size))
          .body("checks.find { it.name == 'entry-cache' }.data.availability", equalTo("AVAILABLE"));
    }
  }

  /** Starts node {@code node} with extra environment, without waiting for it. */
  static void launch(int node, Map<String, String> environment) throws Exception {
    // A log left by an earlier run must not answer for this one.
    Files.deleteIfExists(DIR.resolve("node-" + node + "/log/server.log"));
    run(environment, "launch-node", String.valueOf(node));
  }

  static String log(int node) throws IOException {
    Path log = DIR.resolve("node-" + node + "/log/server.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  static void kill(int node) throws Exception {
    run("kill", String.valueOf(node));
  }

  /** Starts the node (again) and waits until it is ready and the balancer routes to it. */
  static void restart(int node) throws Exception {
    run("start-node", String.valueOf(node));
  }

  /** A graceful stop: the balancer sends the node nothing new, its requests in flight finish. */
  static void stopNode(int node) throws Exception {
    run("stop-node", String.valueOf(node));
  }

  /** {@code kill -STOP}: the node hangs, its sockets open (a long GC pause, a frozen VM). */
  static void pause(int node) throws Exception {
    run("pause", String.valueOf(node));
  }

  static void resume(int node) throws Exception {
    run("resume", String.valueOf(node));
  }

  static synchronized void stop() throws Exception {
    if (started) {
      run("stop");
      started = false;
    }
  }

  /** The end of a node's server log, for failure messages. */
  static String logTail(int node) {
    try {
      var lines = Files.readAllLines(DIR.resolve("node-" + node + "/log/server.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void stopQuietly() {
    try {
      stop();
      if (sqs != null) {
        sqs.stop();
      }
    } catch (Exception e) {
      // the JVM is ending anyway
    }
  }

  private static void run(String... arguments) throws Exception {
    run(Map.of(), arguments);
  }

  private static void run(Map<String, String> environment, String... arguments) throws Exception {
    String[] command = new String[arguments.length + 2];
    command[0] = "bash";
    command[1] = ROOT.resolve("scripts/cluster.sh").normalize().toString();
    System.arraycopy(arguments, 0, command, 2, arguments.length);
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().put("PRAVESH_CLUSTER_DIR", DIR.toString());
    builder.environment().put("PRAVESH_CLUSTER_OFFSET", String.valueOf(OFFSET));
    builder
        .environment()
        .put(
            "TICKETING_JWT_DEV_KEY_DIR",
            Path.of(System.getProperty("it.base.dir"), "data", "pravesh").toString());
    // The test server's EAR, with its test hooks: the nodes share the test database, so a job the
    // test server made may be relayed and handled by a node, and must fail there as it would on
    // the test server (FAIL-TICKET-JOB, DELIVER-TWICE...).
    builder
        .environment()
        .put("PRAVESH_EAR", BUILD_DIR.resolve("it-ear").resolve("ticketing.ear").toString());
    if (sqs != null) {
      builder.environment().putAll(sqs.environment());
      // Quick to stop (a long poll ends within 2 s), and a job can outlast its visibility.
      builder.environment().put("TICKETING_SQS_WAIT_SECONDS", "2");
      builder
          .environment()
          .put("TICKETING_SQS_VISIBILITY_SECONDS", String.valueOf(SQS_VISIBILITY_SECONDS));
    }
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("cluster.sh " + String.join(" ", arguments) + " hung");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "cluster.sh " + String.join(" ", arguments) + " failed; node-1 log:\n" + logTail(1));
    }
  }
}
