package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Offline scanning: the scanners' snapshot and the batch of offline scans (api.md, Entry). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OfflineIT {

  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
  private static String volunteer;
  private static String admin;

  @BeforeAll
  static void staff() {
    volunteer = Sessions.token(Sessions.VOLUNTEER);
    admin = Sessions.token(Sessions.ADMIN);
  }

  private static Response batch(String device, List<Map<String, Object>> scans) {
    return TestServer.api()
        .auth()
        .oauth2(volunteer)
        .contentType("application/json")
        .body(Map.of("deviceId", device, "scans", scans))
        .post("/api/scans/batch");
  }

  private static Map<String, Object> offlineScan(
      String key, String token, UUID gate, String direction, OffsetDateTime at, String said) {
    Map<String, Object> scan = new HashMap<>();
    scan.put("key", key);
    scan.put("token", token);
    scan.put("gateId", gate.toString());
    scan.put("direction", direction);
    scan.put("scannedAt", at.toString());
    scan.put("offlineOutcome", said);
    return scan;
  }

  @Test
  void aBatchOf500ScansWith10ConflictsListsExactly10AndSentAgainAnswersTheSame() throws Exception {
    String slug = "it-offline-" + UUID.randomUUID().toString().substring(0, 8);
    UUID slot = TestSlots.createIn(slug, 1_000);
    UUID gate = TestSlots.gateIn(slug, "Offline gate");
    UUID other = TestSlots.gateIn(slug, "Online gate");
    List<Tickets.Issued> tickets = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      tickets.add(Tickets.issue(slot));
    }
    // Ten of them got in online at another gate while this scanner was cut off.
    for (int i = 0; i < 10; i++) {
      assertThat(
              Tickets.scan(volunteer, tickets.get(i).token(), other)
                  .then()
                  .statusCode(200)
                  .extract()
                  .path("outcome")
                  .toString())
          .isEqualTo("ADMITTED");
    }
    // Offline: each ticket in, out, in, out, ... ten scans each, 100 ms apart, sent shuffled; all
    // today in Kolkata (a scan of yesterday is WRONG_DATE), the last at most a minute ahead.
    OffsetDateTime now = OffsetDateTime.now(KOLKATA);
    OffsetDateTime midnight = now.toLocalDate().atStartOfDay(KOLKATA).toOffsetDateTime();
    OffsetDateTime start = now.minusMinutes(2).isAfter(midnight) ? now.minusMinutes(2) : midnight;
    List<Map<String, Object>> scans = new ArrayList<>();
    int n = 0;
    for (int round = 0; round < 10; round++) {
      for (Tickets.Issued ticket : tickets) {
        boolean in = round % 2 == 0;
        String said = in ? (round == 0 ? "ADMITTED" : "READMITTED") : "EXITED";
        scans.add(
            offlineScan(
                UUID.randomUUID().toString(),
                ticket.token(),
                gate,
                in ? "IN" : "OUT",
                start.plusNanos(100_000_000L * n++),
                said));
      }
    }
    List<Map<String, Object>> sent = new ArrayList<>(scans);
    java.util.Collections.shuffle(sent, new java.util.Random(7));
    Response first = batch("tablet-7", sent);
    assertThat(first.statusCode()).as(first.asString()).isEqualTo(200);
    List<Map<String, Object>> results = first.jsonPath().getList("results");
    assertThat(results).hasSize(500);
    // In scannedAt order, whatever the order sent.
    for (int i = 0; i < 500; i++) {
      assertThat(results.get(i).get("key")).isEqualTo(scans.get(i).get("key"));
    }
    Map<String, Integer> byOutcome = new TreeMap<>();
    results.forEach(r -> byOutcome.merge((String) r.get("outcome"), 1, Integer::sum));
    // 40 admitted offline first, 10 found admitted online; then every move as the device said.
    assertThat(byOutcome)
        .isEqualTo(
            Map.of("ADMITTED", 40, "ALREADY_ADMITTED", 10, "EXITED", 250, "READMITTED", 200));
    assertThat(results.stream().filter(r -> Boolean.TRUE.equals(r.get("conflict")))).hasSize(10);

    JsonPath conflicts = conflicts(slug);
    assertThat(conflicts.getList("$")).hasSize(10);
    Set<String> conflicted = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      String c = "[" + i + "].";
      conflicted.add(conflicts.getString(c + "ticket.id"));
      assertThat(conflicts.getString(c + "first.gate")).isEqualTo("Online gate");
      assertThat(conflicts.getString(c + "first.device")).isEqualTo("it-device");
      assertThat(conflicts.getString(c + "second.gate")).isEqualTo("Offline gate");
      assertThat(conflicts.getString(c + "second.device")).isEqualTo("tablet-7");
      assertThat(conflicts.getString(c + "second.volunteer")).isNotBlank();
      assertThat(conflicts.getString(c + "second.at")).endsWith("+05:30");
    }
    assertThat(conflicted)
        .containsExactlyInAnyOrderElementsOf(
            tickets.subList(0, 10).stream().map(Tickets.Issued::id).toList());

    int scanRows = scanRows(slug);
    assertThat(scanRows).isEqualTo(510);
    // Sent again (the answer was lost): the same answers, nothing twice.
    Response again = batch("tablet-7", sent);
    assertThat(again.statusCode()).as(again.asString()).isEqualTo(200);
    assertThat(again.jsonPath().getList("results")).isEqualTo(results);
    assertThat(conflicts(slug).getList("$")).hasSize(10);
    assertThat(conflicts(slug).getList("kind")).containsOnly("TWICE");
    assertThat(scanRows(slug)).isEqualTo(510);
    // Everyone ended outside: in, out five times.
    assertThat(ExitsIT.insideInDatabase(slug)).isZero();
    assertThat(ExitsIT.occupancy(slug).getInt("inside")).isZero();
  }

  @Test
  void aScanMadeOfflineAtAGateRetiredSinceIsStillTaken() throws Exception {
    String slug = "it-retired-" + UUID.randomUUID().toString().substring(0, 8);
    UUID slot = TestSlots.createIn(slug, 100);
    UUID gate = TestSlots.gateIn(slug, "Side gate");
    Tickets.Issued ticket = Tickets.issue(slot);
    OffsetDateTime before = OffsetDateTime.now(KOLKATA).minusSeconds(30);
    TestServer.api()
        .auth()
        .oauth2(admin)
        .post("/api/admin/gates/" + gate + "/retire")
        .then()
        .statusCode(200);
    Response sent =
        batch(
            "retired-gate-device",
            List.of(
                offlineScan("retired-" + slug, ticket.token(), gate, "IN", before, "ADMITTED")));
    assertThat(sent.statusCode()).as(sent.asString()).isEqualTo(200);
    assertThat(sent.jsonPath().getString("results[0].outcome")).isEqualTo("ADMITTED");
    assertThat(ExitsIT.occupancy(slug).getInt("inside")).isEqualTo(2);
  }

  @Test
  void aRevokedTicketLetInOfflineIsReportedWhetherRevokedBeforeOrSince() throws Exception {
    String slug = "it-revoked-" + UUID.randomUUID().toString().substring(0, 8);
    UUID slot = TestSlots.createIn(slug, 100);
    UUID gate = TestSlots.gateIn(slug, "Main");
    Tickets.Issued early = Tickets.issue(slot);
    Tickets.Issued late = Tickets.issue(slot);
    Tickets.Issued kept = Tickets.issue(slot);
    // The first was scanned in offline before its holder cancelled; the second after.
    OffsetDateTime beforeRevoking = OffsetDateTime.now(KOLKATA).minusSeconds(1);
    for (Tickets.Issued ticket : List.of(early, late)) {
      TestServer.api()
          .auth()
          .oauth2(ticket.visitor())
          .delete("/api/registrations/" + ticket.registrationId())
          .then()
          .statusCode(204);
    }
    OffsetDateTime afterRevoking = OffsetDateTime.now(KOLKATA);
    List<Map<String, Object>> scans =
        List.of(
            offlineScan("e-" + slug, early.token(), gate, "IN", beforeRevoking, "ADMITTED"),
            offlineScan("l-" + slug, late.token(), gate, "IN", afterRevoking, "ADMITTED"),
            offlineScan("k-" + slug, kept.token(), gate, "IN", afterRevoking, "ADMITTED"));
    for (int sent = 0; sent < 2; sent++) {
      Response answer = batch("revoked-device", scans);
      assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(200);
      // The early one got in while valid: its admission stands (it was decided as of the scan),
      // and it is reported, as is the late one, let in after it was revoked.
      assertThat(answer.jsonPath().getList("results.outcome"))
          .containsExactly("ADMITTED", "REVOKED", "ADMITTED");
      assertThat(answer.jsonPath().getList("results.conflict")).containsExactly(true, true, false);
    }
    assertThat(ExitsIT.occupancy(slug).getInt("inside")).isEqualTo(4);
    JsonPath listed = conflicts(slug);
    assertThat(listed.getList("$")).hasSize(2);
    assertThat(listed.getList("kind")).containsOnly("REVOKED");
    assertThat(listed.getList("ticket.id")).containsExactlyInAnyOrder(early.id(), late.id());
    assertThat(listed.getList("first.gate")).containsOnlyNulls();
    assertThat(listed.getList("first.at")).doesNotContainNull();
    assertThat(listed.getList("second.gate")).containsOnly("Main");
  }

  @Test
  void aBatchWithABadScanIsRefusedWholeNamingIt() {
    UUID gate = UUID.randomUUID();
    List<Map<String, Object>> scans = new ArrayList<>();
    scans.add(
        offlineScan("k1", "TKT1.x", gate, "IN", OffsetDateTime.now().plusHours(1), "ADMITTED"));
    scans.add(
        offlineScan("k2", "TKT1.x", gate, "IN", OffsetDateTime.now().minusHours(25), "ADMITTED"));
    Response refused = batch("d", scans);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    JsonPath problem = refused.jsonPath();
    assertThat(problem.getString("errors.'scans[0].scannedAt'")).contains("future");
    assertThat(problem.getString("errors.'scans[1].scannedAt'")).contains("24 hours");
    assertThat(problem.getString("errors.'scans[0].gateId'")).isNotBlank();
    List<Map<String, Object>> many = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      many.add(offlineScan("k" + i, "TKT1.x", gate, "IN", OffsetDateTime.now(), "ADMITTED"));
    }
    assertThat(batch("d", many).statusCode()).isEqualTo(400);
    // A scan the bean rules refuse is named by its index too.
    List<Map<String, Object>> longKey = new ArrayList<>();
    longKey.add(offlineScan("ok", "TKT1.x", gate, "IN", OffsetDateTime.now(), "ADMITTED"));
    longKey.add(
        offlineScan("k".repeat(201), "TKT1.x", gate, "IN", OffsetDateTime.now(), "ADMITTED"));
    Response named = batch("d", longKey);
    assertThat(named.statusCode()).isEqualTo(400);
    assertThat(named.jsonPath().getString("errors.'scans[1].key'")).isNotBlank();
    TestServer.api()
        .contentType("application/json")
        .body(Map.of("scans", List.of()))
        .post("/api/scans/batch")
        .then()
        .statusCode(401);
  }

  @Test
  void snapshotDeltasAppliedToASnapshotGiveTheFullSnapshot() throws Exception {
    String slug = "it-snapshot-" + UUID.randomUUID().toString().substring(0, 8);
    UUID slot = TestSlots.createIn(slug, 1_000);
    UUID gate = TestSlots.gateIn(slug, "Main");
    List<Tickets.Issued> tickets = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      tickets.add(Tickets.issue(slot));
    }
    ExitsIT.scan(tickets.get(0).token(), gate, "IN");
    ExitsIT.scan(tickets.get(1).token(), gate, "IN");
    Response firstResponse = snapshot(slug, null);
    assertThat(firstResponse.header("Content-Encoding")).isEqualTo("gzip");
    JsonPath first = firstResponse.jsonPath();
    assertThat(first.getBoolean("full")).isTrue();
    assertThat(first.getString("event.slug")).isEqualTo(slug);
    assertThat(first.getString("event.timeZone")).isEqualTo("Asia/Kolkata");
    assertThat(first.getList("keys.publicKey")).isNotEmpty();
    assertThat(first.getList("gates.name")).containsExactly("Main");
    assertThat(first.getList("inside.tid"))
        .containsExactlyInAnyOrder(tickets.get(0).id(), tickets.get(1).id());

    // Changes: one leaves, two come in, one of them leaves again, one ticket is revoked.
    ExitsIT.scan(tickets.get(0).token(), gate, "OUT");
    ExitsIT.scan(tickets.get(2).token(), gate, "IN");
    ExitsIT.scan(tickets.get(3).token(), gate, "IN");
    ExitsIT.scan(tickets.get(3).token(), gate, "OUT");
    TestServer.api()
        .auth()
        .oauth2(tickets.get(4).visitor())
        .delete("/api/registrations/" + tickets.get(4).registrationId())
        .then()
        .statusCode(204);

    JsonPath delta = snapshot(slug, first.getString("cursor")).jsonPath();
    assertThat(delta.getBoolean("full")).isFalse();
    Set<String> inside = new HashSet<>(first.getList("inside.tid"));
    Set<String> admitted = new HashSet<>(first.getList("admitted"));
    Set<String> revoked = new HashSet<>(first.getList("revoked"));
    inside.removeAll(delta.getList("outside"));
    inside.addAll(delta.getList("inside.tid"));
    admitted.addAll(delta.getList("admitted"));
    revoked.addAll(delta.getList("revoked"));

    JsonPath full = snapshot(slug, null).jsonPath();
    assertThat(inside).isEqualTo(new HashSet<>(full.getList("inside.tid")));
    assertThat(admitted).isEqualTo(new HashSet<>(full.getList("admitted")));
    assertThat(revoked).isEqualTo(new HashSet<>(full.getList("revoked")));
    assertThat(inside).containsExactlyInAnyOrder(tickets.get(1).id(), tickets.get(2).id());
    assertThat(revoked).containsExactly(tickets.get(4).id());
    // Nothing changed since: the same bytes for every caller, and an empty delta.
    JsonPath none = snapshot(slug, full.getString("cursor")).jsonPath();
    assertThat(none.getList("admitted")).isSubsetOf(admitted);
    // A cursor of another day (or of an earlier release) gives the whole snapshot.
    assertThat(snapshot(slug, "2020-01-01~1").jsonPath().getBoolean("full")).isTrue();
    // Text that is no cursor is refused; a cursor this server did not sign (made up, altered, of
    // another event) gets the whole snapshot, never a delta of its choosing.
    TestServer.api()
        .auth()
        .oauth2(volunteer)
        .queryParam("event", slug)
        .queryParam("since", "yesterday")
        .get("/api/scanner/snapshot")
        .then()
        .statusCode(400);
    String cursor = none.getString("cursor");
    String[] parts = cursor.split("~", -1);
    String altered = parts[0] + "~" + parts[1] + "~3~~" + parts[4];
    String today = java.time.LocalDate.now(KOLKATA) + "~" + System.currentTimeMillis();
    for (String made : List.of(altered, today + "~3~~AAAAAAAAAAAAAAAAAAAAAA", today + "~3~")) {
      JsonPath whole = snapshot(slug, made).jsonPath();
      assertThat(whole.getBoolean("full")).as(made).isTrue();
      assertThat(new HashSet<>(whole.getList("inside.tid"))).isEqualTo(inside);
    }
    String other = slug + "-other";
    TestSlots.gateIn(other, "Main");
    assertThat(snapshot(other, cursor).jsonPath().getBoolean("full"))
        .as("another event's")
        .isTrue();
    TestServer.api()
        .auth()
        .oauth2(volunteer)
        .get("/api/scanner/snapshot?event=no-such-event")
        .then()
        .statusCode(404);
    TestServer.api().get("/api/scanner/snapshot?event=" + slug).then().statusCode(401);
  }

  @Test
  void aChangeCommittedLongAfterItWasWrittenIsInTheNextDelta() throws Exception {
    String slug = "it-late-" + UUID.randomUUID().toString().substring(0, 8);
    UUID slot = TestSlots.createIn(slug, 100);
    UUID gate = TestSlots.gateIn(slug, "Main");
    Tickets.Issued leaving = Tickets.issue(slot);
    Tickets.Issued revoked = Tickets.issue(slot);
    ExitsIT.scan(leaving.token(), gate, "IN");
    JsonPath first = snapshot(slug, null).jsonPath();
    assertThat(first.getList("inside.tid")).containsExactly(leaving.id());
    String cursor;
    try (java.sql.Connection writer = TestServer.database()) {
      writer.setAutoCommit(false);
      try (java.sql.Statement write = writer.createStatement()) {
        // An exit written now and committed seconds later (a stalled commit), and a revocation
        // stamped by a node whose clock is 40 s behind the database's.
        write.executeUpdate(
            "update admission set inside = false, moves = moves + 1,"
                + " changed_at = clock_timestamp() where ticket_id = '"
                + leaving.id()
                + "'");
        write.executeUpdate(
            "update occupancy set inside = inside - 2, changed_at = clock_timestamp()"
                + " where event_id = (select id from event where slug = '"
                + slug
                + "')");
        write.executeUpdate(
            "update ticket set revoked_at = now() - interval '40 seconds' where id = '"
                + revoked.id()
                + "'");
      }
      Thread.sleep(6_000);
      JsonPath during = snapshot(slug, first.getString("cursor")).jsonPath();
      assertThat(during.getList("outside")).doesNotContain(leaving.id());
      assertThat(during.getList("revoked")).doesNotContain(revoked.id());
      cursor = during.getString("cursor");
      writer.commit();
    }
    JsonPath after = snapshot(slug, cursor).jsonPath();
    assertThat(after.getBoolean("full")).isFalse();
    assertThat(after.getList("outside")).contains(leaving.id());
    assertThat(after.getList("revoked")).contains(revoked.id());
  }

  private static Response snapshot(String slug, String since) {
    var request = TestServer.api().auth().oauth2(volunteer).queryParam("event", slug);
    if (since != null) {
      request.queryParam("since", since);
    }
    Response response = request.get("/api/scanner/snapshot");
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return response;
  }

  private static JsonPath conflicts(String slug) {
    return TestServer.api()
        .auth()
        .oauth2(admin)
        .get("/api/admin/conflicts?event=" + slug)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static int scanRows(String slug) throws Exception {
    return ScanIT.count(
        "select count(*) from scan s join event e on e.id = s.event_id where e.slug = ?", slug);
  }
}
