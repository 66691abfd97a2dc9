package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web app end to end in a real headless Chromium (Debian's package, which {@code
 * scripts/browser.sh} installs), driven by {@code frontend/e2e/webapp.mjs} with playwright-core
 * against the shared test server: register by OTP, the ticket online and offline, a camera scan
 * (Chromium's fake capture device showing the ticket's QR), a typed code, a walk-in at the desk
 * sent by SMS, the live dashboard's count moving. Screenshots of every page at phone and desktop
 * width are kept in {@code target/e2e}. The database then confirms what the browser saw.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebAppIT {

  private static final Path FRONTEND = Path.of("..", "frontend").toAbsolutePath().normalize();
  private static final Path OUT = Path.of("target", "e2e").toAbsolutePath();

  /**
   * An event of its own whose slot today runs until 23:59 in Kolkata, with the gate the script
   * scans at: the demo's slot ends at 20:00, after which nobody can register for today.
   */
  private static String eventOpenAllDay() {
    String slug = AdminIT.slug();
    String eventId = AdminIT.createEvent(slug);
    AdminIT.addSlot(eventId, AdminIT.slot(LocalDate.now(ZoneId.of("Asia/Kolkata")), 1_000, 100))
        .then()
        .statusCode(201);
    TestServer.api()
        .auth()
        .oauth2(Sessions.token(Sessions.ADMIN))
        .contentType("application/json")
        .body(Map.of("name", "Gate 1 (Main)"))
        .post("/api/admin/events/" + eventId + "/gates")
        .then()
        .statusCode(201);
    return slug;
  }

  @Test
  void visitorVolunteerAndAdminDoTheirWorkInARealBrowser() throws Exception {
    assertThat(Path.of("/usr/bin/chromium"))
        .as("Chromium is installed by scripts/browser.sh (./pravesh test runs it)")
        .exists();
    Files.createDirectories(OUT);
    // Staff of its own (fresh phones): OTP requests are limited per phone, and other tests sign
    // the demo staff in too.
    String volunteer = newStaff("volunteer");
    String admin = newStaff("admin");
    String event = eventOpenAllDay();
    ProcessBuilder builder =
        new ProcessBuilder("node", "e2e/webapp.mjs")
            .directory(FRONTEND.toFile())
            .redirectErrorStream(true);
    builder.environment().put("BASE_URL", TestServer.HTTP);
    builder.environment().put("OUT_DIR", OUT.toString());
    builder.environment().put("ADMIN_PHONE", admin);
    builder.environment().put("VOLUNTEER_PHONE", volunteer);
    builder.environment().put("EVENT", event);
    Process process = builder.start();
    List<String> output = Collections.synchronizedList(new ArrayList<>());
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  System.out.println(line);
                  output.add(line);
                }
              } catch (IOException e) {
                output.add("(output ended: " + e + ")");
              }
            });
    reader.start();
    boolean ended = process.waitFor(5, TimeUnit.MINUTES);
    if (!ended) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    reader.join(10_000);
    assertThat(ended)
        .as("the browser run ends within 5 minutes:%n%s", String.join("\n", output))
        .isTrue();
    assertThat(process.exitValue())
        .as("the browser run passed:%n%s", String.join("\n", output))
        .isZero();

    JsonPath result =
        JsonPath.from(
            output.stream()
                .filter(l -> l.startsWith("RESULT "))
                .reduce((a, b) -> b)
                .orElseThrow()
                .substring("RESULT ".length()));

    try (Connection db = TestServer.database()) {
      // The visitor's ticket: registered on the web, scanned by the camera (ADMITTED; held in
      // view, no second scan), typed in again (refused): admitted exactly once.
      assertThat(admissions(db, event, result.getString("visitorCode"))).isEqualTo(1);
      assertThat(channel(db, result.getString("visitorPhone"))).isEqualTo("WEB");
      // Its second day, cancelled from My tickets.
      assertThat(statuses(db, result.getString("visitorPhone")))
          .containsExactlyInAnyOrder("TICKETED", "CANCELLED");
      assertThat(admissions(db, event, result.getString("typedCode"))).isEqualTo(1);
      // The walk-in: made at the desk, admitted once while the dashboard watched.
      assertThat(channel(db, result.getString("walkInPhone"))).isEqualTo("VOLUNTEER");
      assertThat(admissions(db, event, result.getString("walkInCode"))).isEqualTo(1);
      // Admitted by two scanners offline: one admission, one conflict recorded.
      assertThat(admissions(db, event, result.getString("conflictCode"))).isEqualTo(1);
      try (PreparedStatement query =
          db.prepareStatement(
              "select count(*) from entry_conflict c join ticket t on t.id = c.ticket_id"
                  + " where t.code = ?")) {
        query.setString(1, result.getString("conflictCode"));
        try (ResultSet rows = query.executeQuery()) {
          rows.next();
          assertThat(rows.getInt(1)).isOne();
        }
      }
    }
    for (String page :
        List.of(
            "1-events",
            "2-register",
            "3-tickets",
            "4-scanner-admitted",
            "5-desk-ticket",
            "6-dashboard")) {
      for (String width : List.of("phone", "desktop")) {
        assertThat(OUT.resolve(page + "-" + width + ".png")).isNotEmptyFile();
      }
    }
  }

  private static String newStaff(String role) {
    String phone = Sessions.newPhone();
    TestServer.api()
        .auth()
        .oauth2(Sessions.token(Sessions.ADMIN))
        .contentType("application/json")
        .body(Map.of("phone", phone, "name", "Browser test " + role, "role", role))
        .post("/api/admin/staff")
        .then()
        .statusCode(201);
    return phone;
  }

  private static int admissions(Connection db, String event, String code) throws Exception {
    try (PreparedStatement query =
        db.prepareStatement(
            "select count(*) from admission a join ticket t on t.id = a.ticket_id"
                + " join event e on e.id = t.event_id where t.code = ? and e.slug = ?")) {
      query.setString(1, code);
      query.setString(2, event);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  private static List<String> statuses(Connection db, String phone) throws Exception {
    try (PreparedStatement query =
        db.prepareStatement("select status from registration where phone = ?")) {
      query.setString(1, phone);
      List<String> statuses = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          statuses.add(rows.getString(1));
        }
      }
      return statuses;
    }
  }

  private static String channel(Connection db, String phone) throws Exception {
    try (PreparedStatement query =
        db.prepareStatement("select channel from registration where phone = ?")) {
      query.setString(1, phone);
      try (ResultSet rows = query.executeQuery()) {
        assertThat(rows.next()).as("a registration for %s", phone).isTrue();
        return rows.getString(1);
      }
    }
  }
}
