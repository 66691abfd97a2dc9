package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.htmlunit.WebClient;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlInput;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.html.HtmlTextArea;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operations console (JSF, usable without JavaScript) driven by a headless browser (HtmlUnit,
 * JavaScript off): sign-in by OTP through the development outbox, every page and its main action,
 * field errors, Hindi, and the whole acceptance walk of the issue (a new admin sets up an event, a
 * volunteer logs in with the one-time code and registers a walk-in whose ticket scans at the new
 * gate, all of it in the audit log).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleIT {

  private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Kolkata"));

  private static WebClient browser() {
    WebClient browser = new WebClient();
    browser.getOptions().setJavaScriptEnabled(false);
    browser.getOptions().setCssEnabled(false);
    browser.getOptions().setThrowExceptionOnFailingStatusCode(true);
    return browser;
  }

  private static String newAdmin() {
    String phone = Sessions.newPhone();
    TestServer.api()
        .auth()
        .oauth2(Sessions.token(Sessions.ADMIN))
        .contentType("application/json")
        .body(Map.of("phone", phone, "name", "Console Admin", "role", "admin"))
        .post("/api/admin/staff")
        .then()
        .statusCode(201);
    return phone;
  }

  /** Signs in on the console as a person with this phone; returns the page that follows. */
  private static HtmlPage signIn(WebClient browser, String phone) throws Exception {
    HtmlPage page = browser.getPage(TestServer.HTTP + "/admin/");
    assertThat(page.getUrl().getPath()).isEqualTo("/admin/login.xhtml");
    input(page, "login:phone").setValue(phone);
    page = click(page, "login:send");
    assertThat(page.asNormalizedText()).contains("A login code is on its way");
    input(page, "login:code").setValue(Sessions.latestCode(phone));
    return click(page, "login:verify");
  }

  @Test
  void aNewAdminSetsUpAnEventAndAVolunteerWithTheConsoleAndTheWalkInScansAtTheNewGate()
      throws Exception {
    String admin = newAdmin();
    String slug = "console-" + Long.toString(System.nanoTime(), 36);
    try (WebClient browser = browser()) {
      HtmlPage page = signIn(browser, admin);
      assertThat(page.getUrl().getPath()).isEqualTo("/admin/index.xhtml");
      assertThat(page.asNormalizedText()).contains("Events", admin);

      // An event...
      input(page, "create:name").setValue("Console Book Fair");
      input(page, "create:slug").setValue(slug);
      input(page, "create:venue").setValue("Hall 2");
      input(page, "create:startsOn").setValue(TODAY.toString());
      input(page, "create:endsOn").setValue(TODAY.plusDays(1).toString());
      page = click(page, "create:create");
      assertThat(page.getUrl().getPath()).isEqualTo("/admin/event.xhtml");
      assertThat(page.asNormalizedText()).contains("Console Book Fair");

      // ... with two slots ...
      page = addSlot(page, TODAY, 100, 10);
      page = addSlot(page, TODAY.plusDays(1), 50, 0);
      assertThat(page.getElementById("slots:list").asNormalizedText())
          .contains(TODAY.toString(), TODAY.plusDays(1).toString());

      // ... and a gate.
      input(page, "gates:gateName").setValue("Console Gate");
      page = click(page, "gates:add");
      assertThat(page.getElementById("gates:list").asNormalizedText()).contains("Console Gate");
      // Entry: nobody inside yet, no conflicts (OfflineIT and WebAppIT make conflicts).
      assertThat(page.getElementById("occupancy").asNormalizedText())
          .isEqualTo("People inside today: 0");
      assertThat(page.asNormalizedText())
          .contains("Tickets that got in when they should not have", "None.");

      // A volunteer at that gate, and their one-time login code.
      String volunteerPhone = Sessions.newPhone();
      page = browser.getPage(TestServer.HTTP + "/admin/staff.xhtml");
      input(page, "add:name").setValue("Console Volunteer");
      input(page, "add:phone").setValue(volunteerPhone);
      HtmlSelect gate = (HtmlSelect) page.getElementById("add:gateId");
      gate.setSelectedAttribute(
          gate.getOptions().stream()
              .filter(o -> o.getText().equals(slug + " · Console Gate"))
              .findFirst()
              .orElseThrow(),
          true);
      page = click(page, "add:add");
      assertThat(page.getElementById("list:staff").asNormalizedText())
          .contains("Console Volunteer", volunteerPhone);
      page = click(page, rowButton(page, "list:staff", "Console Volunteer", "code"));
      String code = page.getElementById("loginCode").getTextContent().strip();
      Object qr = page.getFirstByXPath("//img[starts-with(@src, 'data:image/png;base64,')]");
      assertThat(qr).as("the code as a QR image").isNotNull();

      // The volunteer logs in with it and registers a walk-in; its ticket scans at the gate.
      String volunteer =
          TestServer.api()
              .contentType("application/json")
              .body(Map.of("code", code))
              .post("/api/auth/staff-code")
              .then()
              .statusCode(200)
              .extract()
              .path("accessToken");
      JsonPath event = TestServer.api().get("/api/events/" + slug).jsonPath();
      String slot = event.getString("slots.find { it.date == '" + TODAY + "' }.id");
      JsonPath gates =
          TestServer.api()
              .auth()
              .oauth2(volunteer)
              .queryParam("event", slug)
              .get("/api/gates")
              .jsonPath();
      assertThat(gates.getList("findAll { it.assigned }.name")).containsExactly("Console Gate");
      String registration =
          DeskIT.walkIn(volunteer, java.util.UUID.fromString(slot), Sessions.newPhone(), 3, "none")
              .then()
              .statusCode(202)
              .extract()
              .path("registrationId");
      String token = RegistrationIT.awaitTicket(volunteer, registration).getString("ticket.token");
      TestServer.api()
          .auth()
          .oauth2(volunteer)
          .contentType("application/json")
          .body(Map.of("token", token, "gateId", gates.getString("[0].id")))
          .post("/api/scans")
          .then()
          .statusCode(200)
          .body("outcome", org.hamcrest.Matchers.equalTo("ADMITTED"));

      // All of it in the audit log.
      page = browser.getPage(TestServer.HTTP + "/admin/audit.xhtml");
      String log = page.getElementById("audit:entries").asNormalizedText();
      assertThat(log)
          .contains(
              "console.login",
              "event.created",
              "slot.created",
              "gate.created",
              "staff.added",
              "staff.login-code.issued",
              "registration.walk-in");
      assertThat(log).contains(admin, volunteerPhone);

      // A broadcast to the slot from the console.
      page = browser.getPage(TestServer.HTTP + "/admin/broadcasts.xhtml");
      HtmlSelect slots = (HtmlSelect) page.getElementById("broadcast:slotId");
      slots.setSelectedAttribute(slot, true);
      ((HtmlTextArea) page.getElementById("broadcast:message")).setText("Hall 2 opens at noon");
      page = click(page, "broadcast:send");
      assertThat(page.asNormalizedText()).contains("recipients: 1");

      // Signing out ends the session.
      page = click(page, "session:signOut");
      assertThat(page.getUrl().getPath()).isEqualTo("/admin/login.xhtml");
      page = browser.getPage(TestServer.HTTP + "/admin/index.xhtml");
      assertThat(page.getUrl().getPath()).isEqualTo("/admin/login.xhtml");
    }
  }

  @Test
  void formsShowTheirErrorsBesideTheFieldsAndChangeNothing() throws Exception {
    try (WebClient browser = browser()) {
      HtmlPage page = signIn(browser, newAdmin());
      input(page, "create:slug").setValue("Not A Slug");
      input(page, "create:startsOn").setValue(TODAY.toString());
      input(page, "create:endsOn").setValue(TODAY.toString());
      page = click(page, "create:create");
      assertThat(page.getUrl().getPath()).isEqualTo("/admin/index.xhtml");
      assertThat(errorBeside(page, "create:name")).isEqualTo("Required");
      assertThat(errorBeside(page, "create:slug")).contains("Lower-case letters");

      String slug = "console-" + Long.toString(System.nanoTime(), 36);
      input(page, "create:name").setValue("Errors Fair");
      input(page, "create:slug").setValue(slug);
      input(page, "create:venue").setValue("Hall 3");
      page = click(page, "create:create");
      page = addSlot(page, TODAY, 10, 2);
      // A reserve above the capacity, and a slot outside the event's dates.
      input(page, "slot:walkInReserve").setValue("11");
      page = click(page, "slot:save");
      assertThat(errorBeside(page, "slot:walkInReserve")).contains("reserve");
      input(page, "slot:walkInReserve").setValue("0");
      input(page, "slot:date").setValue(TODAY.plusDays(5).toString());
      page = click(page, "slot:save");
      assertThat(errorBeside(page, "slot:date")).contains("within the event's dates");
      assertThat(TestServer.api().get("/api/events/" + slug).jsonPath().getList("slots"))
          .hasSize(1);
    }
  }

  @Test
  void everyPageRendersInEnglishAndHindi() throws Exception {
    try (WebClient browser = browser()) {
      signIn(browser, newAdmin());
      for (String view : List.of("index", "staff", "jobs", "broadcasts", "audit")) {
        HtmlPage page = browser.getPage(TestServer.HTTP + "/admin/" + view + ".xhtml");
        assertThat(page.getWebResponse().getStatusCode()).as(view).isEqualTo(200);
        assertThat(page.getUrl().getPath()).isEqualTo("/admin/" + view + ".xhtml");
      }
      HtmlPage hindi = browser.getPage(TestServer.HTTP + "/admin/jobs.xhtml?lang=hi");
      assertThat(hindi.asNormalizedText()).contains("विफल कार्य", "कार्यक्रम", "ऑडिट लॉग");
      // The choice stays.
      HtmlPage staff = browser.getPage(TestServer.HTTP + "/admin/staff.xhtml");
      assertThat(staff.asNormalizedText()).contains("स्टाफ़");
      browser.getPage(TestServer.HTTP + "/admin/staff.xhtml?lang=en");
    }
  }

  @Test
  void anEventsConsentRecordsAreShownWithMaskedPhonesAndThePrivacyNoticeIsPublic()
      throws Exception {
    java.util.UUID event;
    try (var db = TestServer.database()) {
      event = in.pravesh.bench.ExportBench.seed(db, 3);
    }
    try (WebClient browser = browser()) {
      signIn(browser, newAdmin());
      HtmlPage page =
          browser.getPage(TestServer.HTTP + "/admin/consents.xhtml?id=" + event + "&lang=en");
      String text = page.asNormalizedText();
      assertThat(text).contains("Consent records", "+91******0003", "WEB");
      assertThat(text).doesNotContain("+919600000003", "आशा देवी");
      assertThat(page.getElementById("consents:list").asNormalizedText().lines())
          .hasSize(4); // the header and three registrations
      HtmlPage hindi =
          browser.getPage(TestServer.HTTP + "/admin/consents.xhtml?id=" + event + "&lang=hi");
      assertThat(hindi.asNormalizedText()).contains("सहमति रिकॉर्ड");
      browser.getPage(TestServer.HTTP + "/admin/index.xhtml?lang=en");
    }
    try (WebClient visitor = browser()) {
      HtmlPage english = visitor.getPage(TestServer.HTTP + "/privacy");
      assertThat(english.asNormalizedText())
          .contains("Privacy notice", "Digital Personal Data Protection Act, 2023", "30 days");
      HtmlPage hindi = visitor.getPage(TestServer.HTTP + "/privacy?lang=hi");
      assertThat(hindi.asNormalizedText()).contains("गोपनीयता सूचना", "30 दिन");
      assertThat(hindi.getWebResponse().getResponseHeaderValue("Content-Language")).isEqualTo("hi");
    }
  }

  @Test
  void theConsoleIsForAdminsOnly() throws Exception {
    try (WebClient browser = browser()) {
      HtmlPage page = signIn(browser, Sessions.newPhone());
      assertThat(page.getUrl().getPath()).isEqualTo("/admin/login.xhtml");
      assertThat(page.asNormalizedText()).contains("This console is for administrators");
      page = browser.getPage(TestServer.HTTP + "/admin/staff.xhtml");
      assertThat(page.getUrl().getPath()).isEqualTo("/admin/login.xhtml");
    }
    // A form posted from another site is refused before Faces sees it.
    TestServer.api()
        .header("Sec-Fetch-Site", "cross-site")
        .contentType("application/x-www-form-urlencoded")
        .formParam("login", "login")
        .formParam("login:phone", Sessions.ADMIN)
        .post("/admin/login.xhtml")
        .then()
        .statusCode(403);
    // A volunteer's token in the cookie does not open it either.
    try (WebClient browser = browser()) {
      browser
          .getCookieManager()
          .addCookie(
              new org.htmlunit.util.Cookie(
                  "localhost", "pravesh_session", Sessions.token(Sessions.VOLUNTEER)));
      HtmlPage page = browser.getPage(TestServer.HTTP + "/admin/index.xhtml");
      assertThat(page.getUrl().getPath()).isEqualTo("/admin/login.xhtml");
    }
  }

  @Test
  void aDeadJobIsReplayedFromTheConsole() throws Exception {
    String visitor = Sessions.token(Sessions.newPhone());
    String registration =
        TestServer.api()
            .auth()
            .oauth2(visitor)
            .contentType("application/json")
            .body(
                Map.of(
                    "slotId",
                    TestSlots.create(10, 0).toString(),
                    "name",
                    "FAIL-TICKET-JOB",
                    "partySize",
                    1,
                    "consent",
                    true))
            .post("/api/registrations")
            .then()
            .statusCode(202)
            .extract()
            .path("registrationId");
    String admin = newAdmin();
    TicketJobsIT.awaitDeadJob(Sessions.token(Sessions.ADMIN), registration);
    try (var db = TestServer.database();
        var fix =
            db.prepareStatement("update registration set name = 'Fixed' where id = ?::uuid")) {
      fix.setString(1, registration);
      fix.executeUpdate();
    }
    try (WebClient browser = browser()) {
      signIn(browser, admin);
      HtmlPage page = browser.getPage(TestServer.HTTP + "/admin/jobs.xhtml");
      page = click(page, rowButton(page, "jobs:list", registration, "replay"));
      assertThat(page.asNormalizedText()).contains("Queued again.");
    }
    RegistrationIT.awaitTicket(visitor, registration);
  }

  private static HtmlPage addSlot(HtmlPage page, LocalDate date, int capacity, int reserve)
      throws Exception {
    input(page, "slot:date").setValue(date.toString());
    input(page, "slot:startsAt").setValue("00:00");
    input(page, "slot:endsAt").setValue("23:59");
    input(page, "slot:capacity").setValue(String.valueOf(capacity));
    input(page, "slot:walkInReserve").setValue(String.valueOf(reserve));
    HtmlPage next = click(page, "slot:save");
    assertThat(next.asNormalizedText()).contains("Saved.");
    return next;
  }

  private static HtmlInput input(HtmlPage page, String id) {
    DomElement element = page.getElementById(id);
    assertThat(element).as(id + " on " + page.getUrl()).isNotNull();
    return (HtmlInput) element;
  }

  private static HtmlPage click(HtmlPage page, String id) throws Exception {
    DomElement element = page.getElementById(id);
    assertThat(element).as(id + " on " + page.getUrl()).isNotNull();
    return ((HtmlElement) element).click();
  }

  /** The id of a button in the table row that mentions {@code text}. */
  private static String rowButton(HtmlPage page, String table, String text, String button) {
    HtmlElement row =
        page.getFirstByXPath("//table[@id='" + table + "']//tr[td[contains(., '" + text + "')]]");
    assertThat(row).as("a row with " + text).isNotNull();
    HtmlElement input =
        row.getFirstByXPath(
            ".//input[substring(@id, string-length(@id) - "
                + button.length()
                + ") = ':"
                + button
                + "']");
    assertThat(input).as(button + " in the row of " + text).isNotNull();
    return input.getId();
  }

  private static String errorBeside(HtmlPage page, String id) {
    HtmlElement error =
        page.getFirstByXPath("//*[@id='" + id + "']/following-sibling::span[@class='error'][1]");
    assertThat(error).as("an error beside " + id).isNotNull();
    return error.asNormalizedText();
  }
}
