package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scans at the gates on one node (api.md, Entry). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ScanIT {

  private static UUID slot;
  private static UUID northGate;
  private static UUID southGate;
  private static String volunteer;

  @BeforeAll
  static void gatesAndSlot() throws Exception {
    slot = TestSlots.create(1_000, 0);
    northGate = TestSlots.gate("North");
    southGate = TestSlots.gate("South");
    volunteer = Sessions.token(Sessions.VOLUNTEER);
  }

  @Test
  void racingScansOfOneTicketOnTwoGatesAdmitItExactlyOnce() throws Exception {
    Tickets.Issued ticket = Tickets.issue(slot);
    int scans = 24;
    List<JsonPath> results = new ArrayList<>();
    for (Response response : atOnce(java.util.Collections.nCopies(scans, ticket))) {
      assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
      results.add(response.jsonPath());
    }

    List<JsonPath> admitted =
        results.stream().filter(r -> r.getString("outcome").equals("ADMITTED")).toList();
    assertThat(admitted).hasSize(1);
    String firstGate = admitted.get(0).getString("firstGate");
    String firstAt = admitted.get(0).getString("firstAdmittedAt");
    assertThat(firstGate).isIn("North", "South");
    for (JsonPath result : results) {
      if (result != admitted.get(0)) {
        assertThat(result.getString("outcome")).isEqualTo("ALREADY_ADMITTED");
        assertThat(result.getString("firstGate")).isEqualTo(firstGate);
        assertThat(result.getString("firstAdmittedAt")).isEqualTo(firstAt);
      }
      assertThat(result.getString("ticket.id")).isEqualTo(ticket.id());
      assertThat(result.getString("ticket.name")).isEqualTo("Asha Devi");
      assertThat(result.getInt("ticket.partySize")).isEqualTo(2);
    }
    // Kolkata's offset: the event's zone, not the server's.
    assertThat(firstAt).endsWith("+05:30");
    assertThat(count("select count(*) from admission where ticket_id = ?", ticket.id()))
        .isEqualTo(1);
    assertThat(count("select count(*) from scan where ticket_id = ?", ticket.id()))
        .isEqualTo(scans);
  }

  /**
   * Scans that arrive together share transactions (ScanBatches): each ticket is still admitted
   * once, every scan is answered after its commit and has its scan row.
   */
  @Test
  void scansArrivingTogetherAreDecidedInSharedTransactionsEachTicketOnce() throws Exception {
    List<Tickets.Issued> tickets = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      tickets.add(Tickets.issue(slot));
    }
    double batchesBefore = Metrics.value(TestServer.MANAGEMENT, "pravesh_scan_batches_total");
    double scansBefore = Metrics.value(TestServer.MANAGEMENT, "pravesh_scan_batched_total");
    int scans = tickets.size() * 3;
    List<Tickets.Issued> scanned = new ArrayList<>();
    for (int i = 0; i < scans; i++) {
      scanned.add(tickets.get(i % tickets.size()));
    }
    java.util.Map<String, Integer> admitted = new java.util.HashMap<>();
    for (Response response : atOnce(scanned)) {
      assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
      String outcome = response.jsonPath().getString("outcome");
      assertThat(outcome).isIn("ADMITTED", "ALREADY_ADMITTED");
      if (outcome.equals("ADMITTED")) {
        admitted.merge(response.jsonPath().getString("ticket.id"), 1, Integer::sum);
      }
    }
    assertThat(admitted)
        .hasSize(tickets.size())
        .allSatisfy((id, times) -> assertThat(times).isOne());
    for (Tickets.Issued ticket : tickets) {
      assertThat(count("select count(*) from admission where ticket_id = ?", ticket.id()))
          .isEqualTo(1);
      assertThat(count("select count(*) from scan where ticket_id = ?", ticket.id())).isEqualTo(3);
    }
    double batches =
        Metrics.value(TestServer.MANAGEMENT, "pravesh_scan_batches_total") - batchesBefore;
    double batched =
        Metrics.value(TestServer.MANAGEMENT, "pravesh_scan_batched_total") - scansBefore;
    assertThat(batched).isEqualTo(scans);
    assertThat(batches)
        .as("transactions for " + scans + " scans arriving at once")
        .isLessThan(scans);
  }

  @Test
  void theSameScanSentAgainIsStillTheAdmission() throws Exception {
    Tickets.Issued ticket = Tickets.issue(slot);
    String key = Tickets.newKey();
    JsonPath first =
        Tickets.scan(TestServer.HTTP, volunteer, ticket.token(), northGate, key).jsonPath();
    JsonPath again =
        Tickets.scan(TestServer.HTTP, volunteer, ticket.token(), northGate, key).jsonPath();
    assertThat(first.getString("outcome")).isEqualTo("ADMITTED");
    assertThat(again.getString("outcome")).isEqualTo("ADMITTED");
    assertThat(again.getString("firstAdmittedAt")).isEqualTo(first.getString("firstAdmittedAt"));
    // Another physical scan of the same ticket is a second entry attempt.
    assertThat(
            Tickets.scan(TestServer.HTTP, volunteer, ticket.token(), northGate, Tickets.newKey())
                .jsonPath()
                .getString("outcome"))
        .isEqualTo("ALREADY_ADMITTED");
  }

  @Test
  void aDuplicateIsAnsweredFromTheCacheWithoutTheDatabase() throws Exception {
    Tickets.Issued ticket = Tickets.issue(slot);
    double hitsBefore = Metrics.value(TestServer.MANAGEMENT, "pravesh_entry_cache_hits_total");
    Tickets.scan(volunteer, ticket.token(), northGate).then().body("outcome", equalTo("ADMITTED"));
    Tickets.scan(volunteer, ticket.token(), southGate)
        .then()
        .body("outcome", equalTo("ALREADY_ADMITTED"))
        .body("firstGate", equalTo("North"));
    assertThat(Metrics.value(TestServer.MANAGEMENT, "pravesh_entry_cache_hits_total"))
        .isGreaterThan(hitsBefore);
    assertThat(
            count(
                "select count(*) from scan where ticket_id = ? and decided_by = 'cache'",
                ticket.id()))
        .isEqualTo(1);
  }

  @Test
  void aTicketCodeTypedByHandIsAdmittedOnce() throws Exception {
    Tickets.Issued ticket = Tickets.issue(slot);
    String typed = ticket.code().replace("-", " ").toLowerCase();
    Map<String, Object> body = Map.of("code", typed, "gateId", northGate.toString());
    Tickets.post(TestServer.HTTP, volunteer, body, null)
        .then()
        .statusCode(200)
        .body("outcome", equalTo("ADMITTED"))
        .body("ticket.code", equalTo(ticket.code()));
    Tickets.scan(volunteer, ticket.token(), southGate)
        .then()
        .body("outcome", equalTo("ALREADY_ADMITTED"));
    Tickets.post(
            TestServer.HTTP,
            volunteer,
            Map.of("code", "XXXX-XXXX", "gateId", northGate.toString()),
            null)
        .then()
        .statusCode(200)
        .body("outcome", equalTo("INVALID"))
        .body("ticket", equalTo(null));
  }

  @Test
  void aCancelledTicketIsRevokedAndAnAdmittedOneCannotBeCancelled() throws Exception {
    Tickets.Issued cancelled = Tickets.issue(slot);
    TestServer.api()
        .auth()
        .oauth2(cancelled.visitor())
        .delete("/api/registrations/" + cancelled.registrationId())
        .then()
        .statusCode(204);
    Tickets.scan(volunteer, cancelled.token(), northGate)
        .then()
        .statusCode(200)
        .body("outcome", equalTo("REVOKED"))
        .body("ticket.id", equalTo(cancelled.id()));

    Tickets.Issued admitted = Tickets.issue(slot);
    Tickets.scan(volunteer, admitted.token(), northGate)
        .then()
        .body("outcome", equalTo("ADMITTED"));
    TestServer.api()
        .auth()
        .oauth2(admitted.visitor())
        .delete("/api/registrations/" + admitted.registrationId())
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:pravesh:problem:already-admitted"));
  }

  @Test
  void aTicketForAnotherDayOrAnotherEventIsTurnedAwayWithItsName() throws Exception {
    UUID tomorrow = TestSlots.create(LocalDate.now(ZoneId.of("Asia/Kolkata")).plusDays(1), 100, 0);
    Tickets.Issued later = Tickets.issue(tomorrow);
    Tickets.scan(volunteer, later.token(), northGate)
        .then()
        .statusCode(200)
        .body("outcome", equalTo("WRONG_DATE"))
        .body(
            "ticket.date",
            equalTo(LocalDate.now(ZoneId.of("Asia/Kolkata")).plusDays(1).toString()));

    UUID demoGate =
        UUID.fromString(
            TestServer.api()
                .auth()
                .oauth2(volunteer)
                .get("/api/gates?event=demo-book-fair")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("[0].id"));
    Tickets.Issued ours = Tickets.issue(slot);
    Tickets.scan(volunteer, ours.token(), demoGate)
        .then()
        .statusCode(200)
        .body("outcome", equalTo("WRONG_EVENT"))
        .body("ticket.name", equalTo("Asha Devi"));
    // Neither refusal used up the ticket.
    Tickets.scan(volunteer, ours.token(), northGate).then().body("outcome", equalTo("ADMITTED"));
  }

  @Test
  void forgedGarbledAndUnknownTokensAreInvalid() throws Exception {
    Tickets.Issued ticket = Tickets.issue(slot);
    String[] parts = ticket.token().split("\\.");
    char last = parts[2].charAt(10);
    String badSignature =
        parts[0]
            + "."
            + parts[1]
            + "."
            + parts[2].substring(0, 10)
            + (last == 'A' ? 'B' : 'A')
            + parts[2].substring(11);
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replaceAll("\"kid\":\"[^\"]+\"", "\"kid\":\"zzzz\"");
    for (String token :
        List.of(
            badSignature,
            signedWithAnotherKey(payload),
            "TKT1.not-base64!.x",
            "hello",
            ticket.token().substring(0, ticket.token().length() - 3))) {
      Tickets.scan(volunteer, token, northGate)
          .then()
          .statusCode(200)
          .body("outcome", equalTo("INVALID"))
          .body("containsKey('ticket')", equalTo(true))
          .body("ticket", equalTo(null));
    }
    // None of that touched the real ticket.
    Tickets.scan(volunteer, ticket.token(), northGate).then().body("outcome", equalTo("ADMITTED"));
  }

  @Test
  void badRequestsAreProblemsAndOnlyVolunteersScan() throws Exception {
    Tickets.post(TestServer.HTTP, volunteer, Map.of("gateId", northGate.toString()), null)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:pravesh:problem:validation"))
        .body("errors.token", org.hamcrest.Matchers.notNullValue());
    Tickets.post(
            TestServer.HTTP,
            volunteer,
            Map.of("token", "x", "gateId", UUID.randomUUID().toString()),
            null)
        .then()
        .statusCode(400)
        .body("errors.gateId", org.hamcrest.Matchers.notNullValue());
    Tickets.post(TestServer.HTTP, volunteer, Map.of("token", "x"), null)
        .then()
        .statusCode(400)
        .body("errors.gateId", org.hamcrest.Matchers.notNullValue());
    TestServer.api()
        .contentType("application/json")
        .body(Map.of("token", "x", "gateId", northGate.toString()))
        .post("/api/scans")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    Tickets.post(
            TestServer.HTTP,
            Sessions.token(Sessions.newPhone()),
            Map.of("token", "x", "gateId", northGate.toString()),
            null)
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
  }

  @Test
  void aPhotoOfTheQrCodeIsDecodedOnTheServer() throws Exception {
    Tickets.Issued ticket = Tickets.issue(slot);
    byte[] png = ticketPng(ticket);
    photo(jpeg(png), "image/jpeg", northGate)
        .then()
        .statusCode(200)
        .body("outcome", equalTo("ADMITTED"))
        .body("ticket.id", equalTo(ticket.id()));
    photo(png, "image/png", southGate).then().body("outcome", equalTo("ALREADY_ADMITTED"));
    // A photo without a QR code in it: nothing identified.
    photo(blankPng(200, 200), "image/png", northGate)
        .then()
        .statusCode(200)
        .body("outcome", equalTo("INVALID"));
  }

  @Test
  void atMostTwoPhotosAreDecodedAtOnceAndALargePhotoIsReadDownscaled() throws Exception {
    Tickets.Issued ticket = Tickets.issue(slot);
    byte[] qr = ticketPng(ticket);
    BufferedImage large = new BufferedImage(4_000, 4_000, BufferedImage.TYPE_BYTE_GRAY);
    var canvas = large.createGraphics();
    canvas.setColor(Color.WHITE);
    canvas.fillRect(0, 0, 4_000, 4_000);
    canvas.drawImage(ImageIO.read(new ByteArrayInputStream(qr)), 500, 500, 3_000, 3_000, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(large, "png", out);
    byte[] photo = out.toByteArray();

    List<Response> answers = new ArrayList<>();
    try (AutoCloseable slow = TestFaults.slowPhotos()) {
      ExecutorService pool = Executors.newFixedThreadPool(3);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Response>> calls = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        calls.add(
            pool.submit(
                () -> {
                  start.await();
                  return photo(photo, "image/png", northGate);
                }));
      }
      start.countDown();
      for (Future<Response> call : calls) {
        answers.add(call.get());
      }
      pool.shutdown();
    }
    List<Response> busy = answers.stream().filter(a -> a.statusCode() == 503).toList();
    List<Response> read = answers.stream().filter(a -> a.statusCode() == 200).toList();
    assertThat(busy).as("beyond two decodes at once").hasSize(1);
    busy.get(0)
        .then()
        .contentType("application/problem+json")
        .body("type", equalTo("urn:pravesh:problem:try-again"));
    assertThat(read).hasSize(2);
    assertThat(read.stream().map(r -> r.jsonPath().getString("outcome")))
        .containsExactlyInAnyOrder("ADMITTED", "ALREADY_ADMITTED");
  }

  @Test
  void photosThatAreNotImagesOrTooLargeAreRefusedBeforeDecoding() throws Exception {
    byte[] huge = blankPng(5_000, 5_000);
    assertThat(huge.length).as("a small file").isLessThan(200_000);
    photo(huge, "image/png", northGate)
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:pravesh:problem:payload-too-large"));
    photo("not an image".getBytes(StandardCharsets.UTF_8), "image/png", northGate)
        .then()
        .statusCode(415)
        .body("type", equalTo("urn:pravesh:problem:unsupported-media-type"));
    photo(new byte[9 * 1024 * 1024], "image/png", northGate)
        .then()
        .statusCode(413)
        .contentType("application/problem+json");
    RestAssured.given()
        .baseUri(TestServer.HTTP)
        .auth()
        .oauth2(volunteer)
        .multiPart("file", "t.png", blankPng(10, 10), "image/png")
        .post("/api/scans/image")
        .then()
        .statusCode(400)
        .body("errors.gateId", org.hamcrest.Matchers.notNullValue());
  }

  private static byte[] ticketPng(Tickets.Issued ticket) {
    return TestServer.api()
        .auth()
        .oauth2(ticket.visitor())
        .get("/api/registrations/" + ticket.registrationId() + "/ticket.png")
        .then()
        .statusCode(200)
        .extract()
        .asByteArray();
  }

  private static Response photo(byte[] bytes, String type, UUID gate) {
    return RestAssured.given()
        .baseUri(TestServer.HTTP)
        .auth()
        .oauth2(volunteer)
        .multiPart("file", "photo", bytes, type)
        .multiPart("gateId", gate.toString())
        .post("/api/scans/image");
  }

  private static byte[] jpeg(byte[] png) throws Exception {
    BufferedImage source = ImageIO.read(new ByteArrayInputStream(png));
    BufferedImage rgb =
        new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
    rgb.getGraphics().drawImage(source, 0, 0, Color.WHITE, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(rgb, "jpg", out);
    return out.toByteArray();
  }

  private static byte[] blankPng(int width, int height) throws Exception {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_BINARY);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static String signedWithAnotherKey(String payloadJson) throws Exception {
    var keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] payload = payloadJson.getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(keys.getPrivate());
    signer.update(payload);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return "TKT1." + b64.encodeToString(payload) + "." + b64.encodeToString(signer.sign());
  }

  static int count(String sql, String parameter) throws Exception {
    try (Connection db = TestServer.database();
        PreparedStatement query = db.prepareStatement(sql)) {
      query.setString(1, parameter);
      var rows = query.executeQuery();
      rows.next();
      return rows.getInt(1);
    }
  }

  /** Scans of these tickets, sent all at once, every other one at the other gate; the answers. */
  private static List<Response> atOnce(List<Tickets.Issued> tickets) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tickets.size());
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Response>> answers = new ArrayList<>();
    for (int i = 0; i < tickets.size(); i++) {
      Tickets.Issued ticket = tickets.get(i);
      UUID gate = i % 2 == 0 ? northGate : southGate;
      answers.add(
          pool.submit(
              () -> {
                start.await();
                return Tickets.scan(volunteer, ticket.token(), gate);
              }));
    }
    start.countDown();
    List<Response> responses = new ArrayList<>();
    for (Future<Response> answer : answers) {
      responses.add(answer.get());
    }
    pool.shutdown();
    return responses;
  }
}
