package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restassured.RestAssured;
import java.io.File;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Destructive, so it runs last ("Zz") and on a server of its own (port offset 200, same database):
 * a committed registration gets its ticket even when the server dies the moment the registration
 * and its job are committed (the development-mode name HALT-AFTER-COMMIT halts the JVM there) and
 * is started again: the job was committed with the registration (the job outbox), and the ticket is
 * made once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ZzCrashRecoveryIT {

  private static final int OFFSET = 200;
  private static final String BASE = "http://localhost:" + (8080 + OFFSET);
  private static final Path BASE_DIR =
      Path.of(System.getProperty("it.base.dir")).resolveSibling("crash-server");
  private static Process server;

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null && server.isAlive()) {
      server.descendants().forEach(ProcessHandle::destroy);
      server.destroy();
      server.waitFor(60, TimeUnit.SECONDS);
    }
  }

  private static Process start() throws Exception {
    String jbossHome = System.getProperty("jboss.home");
    ProcessBuilder builder =
        new ProcessBuilder(
                jbossHome + "/bin/standalone.sh",
                "-c",
                "standalone-full-ha.xml",
                "--stability=community",
                "-Djboss.server.base.dir=" + BASE_DIR,
                "-Djboss.socket.binding.port-offset=" + OFFSET,
                "-Djboss.tx.node.id=crash-1",
                "-Djboss.cluster.tcp.initial_hosts=127.0.0.1[" + (7600 + OFFSET) + "]")
            .redirectErrorStream(true)
            .redirectOutput(BASE_DIR.resolve("console.log").toFile());
    builder.environment().put("JAVA_OPTS", "-Xms256m -Xmx1g -Djava.net.preferIPv4Stack=true");
    // Its own JWT keys would not matter: tokens are made here with its outbox and its key.
    Process process = builder.start();
    long deadline = System.currentTimeMillis() + 180_000;
    while (System.currentTimeMillis() < deadline) {
      if (answers()) {
        return process;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the crash-test server did not start; see " + BASE_DIR + "/log");
  }

  private static boolean answers() {
    try {
      HttpURLConnection connection =
          (HttpURLConnection) URI.create(BASE + "/api/events").toURL().openConnection();
      connection.setConnectTimeout(500);
      return connection.getResponseCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void aRegistrationCommittedJustBeforeACrashIsTicketedAfterTheRestart() throws Exception {
    Process prepare =
        new ProcessBuilder(
                "bash",
                new File(System.getProperty("jboss.home"))
                    .toPath()
                    .resolve("../../../scripts/server-base.sh")
                    .normalize()
                    .toString(),
                "--fresh",
                BASE_DIR.toString(),
                Path.of(System.getProperty("it.base.dir"), "deployments", "ticketing.ear")
                    .toString())
            .inheritIO()
            .start();
    assertThat(prepare.waitFor()).isZero();
    server = start();

    UUID slot = TestSlots.create(10, 0);
    String phone = Sessions.newPhone();
    RestAssured.given()
        .baseUri(BASE)
        .contentType("application/json")
        .body(Map.of("phone", phone))
        .post("/api/auth/otp")
        .then()
        .statusCode(202);
    List<String> bodies =
        RestAssured.given()
            .baseUri(BASE)
            .queryParam("to", phone)
            .get("/api/dev/outbox")
            .jsonPath()
            .getList("body");
    String code = bodies.get(0).substring(0, 6);
    String token =
        RestAssured.given()
            .baseUri(BASE)
            .contentType("application/json")
            .body(Map.of("phone", phone, "code", code))
            .post("/api/auth/otp/verify")
            .jsonPath()
            .getString("accessToken");

    assertThatThrownBy(
            () -> RegistrationIT.register(BASE, token, slot, 2, "HALT-AFTER-COMMIT", null))
        .as("the server dies before it answers")
        .isInstanceOf(Exception.class);
    assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server is gone").isTrue();
    // Its ticket job was committed with it, in the outbox table: the shared test server, on the
    // same database, may relay it before this one restarts (as a surviving node would).
    assertThat(registration(slot)).as("committed before the crash").isIn("PENDING", "TICKETED");

    server = start();

    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline && !"TICKETED".equals(registration(slot))) {
      Thread.sleep(250);
    }
    assertThat(registration(slot)).isEqualTo("TICKETED");
    assertThat(tickets(slot)).isEqualTo(1);
    assertThat(TestSlots.onlineTaken(slot)).isEqualTo(2);
  }

  private static String registration(UUID slot) throws Exception {
    try (Connection db = TestServer.database();
        PreparedStatement query =
            db.prepareStatement("select status from registration where slot_id = ?")) {
      query.setObject(1, slot);
      ResultSet row = query.executeQuery();
      return row.next() ? row.getString(1) : "NONE";
    }
  }

  private static int tickets(UUID slot) throws Exception {
    try (Connection db = TestServer.database();
        PreparedStatement query =
            db.prepareStatement(
                "select count(*) from ticket t join registration r on r.id = t.registration_id"
                    + " where r.slot_id = ?")) {
      query.setObject(1, slot);
      ResultSet row = query.executeQuery();
      row.next();
      return row.getInt(1);
    }
  }
}
