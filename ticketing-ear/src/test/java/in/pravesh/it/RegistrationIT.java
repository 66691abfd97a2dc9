package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Register, get a ticket, verify it offline, cancel (api.md, Registrations and tickets). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RegistrationIT {

  static Response register(String token, UUID slot, int party, String idempotencyKey) {
    return register(TestServer.HTTP, token, slot, party, "Asha Devi", idempotencyKey);
  }

  static Response register(
      String baseUri, String token, UUID slot, int party, String name, String idempotencyKey) {
    var request =
        RestAssured.given()
            .baseUri(baseUri)
            .auth()
            .oauth2(token)
            .contentType("application/json")
            .body(
                Map.of(
                    "slotId", slot.toString(), "name", name, "partySize", party, "consent", true));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return request.post("/api/registrations");
  }

  /** Polls until the registration is TICKETED; returns it and how long that took. */
  static JsonPath awaitTicket(String token, String id) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline) {
      JsonPath registration =
          TestServer.api().auth().oauth2(token).get("/api/registrations/" + id).jsonPath();
      if ("TICKETED".equals(registration.getString("status"))) {
        return registration;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("registration " + id + " not TICKETED within 15 s");
  }

  @Test
  void aVisitorRegistersAndGetsAVerifiableTicketAndTheMessage() throws Exception {
    String phone = Sessions.newPhone();
    String token = Sessions.token(phone);
    UUID slot = TestSlots.create(100, 10);

    long start = System.currentTimeMillis();
    String id =
        register(token, slot, 3, null)
            .then()
            .statusCode(202)
            .body("status", equalTo("PENDING"))
            .extract()
            .jsonPath()
            .getString("registrationId");
    JsonPath ticketed = awaitTicket(token, id);
    long millis = System.currentTimeMillis() - start;

    assertThat(millis).as("TICKETED within 5 s").isLessThan(5_000);
    assertThat(ticketed.getString("channel")).isEqualTo("WEB");
    assertThat(ticketed.getInt("partySize")).isEqualTo(3);
    assertThat(ticketed.getString("phone")).isEqualTo(phone);
    assertThat(ticketed.getInt("slot.remaining")).isEqualTo(87);
    String ticketToken = ticketed.getString("ticket.token");
    assertThat(ticketToken).startsWith("TKT1.").hasSizeLessThanOrEqualTo(220);
    assertThat(ticketed.getString("ticket.code")).matches("[A-Z0-9]{4}-[A-Z0-9]{4}");

    // The QR image decodes to the token, and the token verifies with the published key.
    byte[] png =
        TestServer.api()
            .auth()
            .oauth2(token)
            .get("/api/registrations/" + id + "/ticket.png")
            .then()
            .statusCode(200)
            .contentType("image/png")
            .extract()
            .asByteArray();
    assertThat(decodeQr(png)).isEqualTo(ticketToken);
    assertThat(verifiesOffline(ticketToken)).isTrue();
    String payload = payloadOf(ticketToken);
    assertThat(payload)
        .contains("\"date\":\"" + LocalDate.now(ZoneId.of("Asia/Kolkata")) + "\"")
        .contains("\"n\":3")
        .contains("\"tid\":\"" + ticketed.getString("ticket.id") + "\"");

    // Any changed byte fails.
    char[] chars = ticketToken.toCharArray();
    int middle = chars.length / 2;
    chars[middle] = chars[middle] == 'A' ? 'B' : 'A';
    assertThat(verifiesOffline(new String(chars))).isFalse();

    // The outbox has the ticket message, with a link that works, and only with its signature.
    String message = awaitMessage(phone, "Your Pravesh ticket");
    assertThat(message).contains(ticketed.getString("ticket.code"));
    Matcher link = Pattern.compile("(http\\S+/qr\\.png\\?exp=\\d+&sig=[\\w-]+)").matcher(message);
    assertThat(link.find()).isTrue();
    String path = link.group(1).substring(link.group(1).indexOf("/api/"));
    byte[] linked =
        TestServer.api()
            .urlEncodingEnabled(false)
            .get(path)
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    assertThat(decodeQr(linked)).isEqualTo(ticketToken);
    TestServer.api()
        .urlEncodingEnabled(false)
        .get(path.replaceAll("sig=[\\w-]{4}", "sig=AAAA"))
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
  }

  @Test
  void onePhoneHasOneActiveRegistrationPerSlotUntilItCancels() throws Exception {
    String token = Sessions.token(Sessions.newPhone());
    UUID slot = TestSlots.create(50, 0);
    String first = register(token, slot, 2, null).jsonPath().getString("registrationId");

    register(token, slot, 1, null)
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:pravesh:problem:already-registered"))
        .body("registrationId", equalTo(first));

    TestServer.api()
        .auth()
        .oauth2(token)
        .delete("/api/registrations/" + first)
        .then()
        .statusCode(204);
    assertThat(TestSlots.onlineTaken(slot)).isZero();
    register(token, slot, 1, null).then().statusCode(202);
  }

  @Test
  void cancellingRevokesTheTicketAndFreesTheSeats() throws Exception {
    String token = Sessions.token(Sessions.newPhone());
    UUID slot = TestSlots.create(10, 0);
    String id = register(token, slot, 4, null).jsonPath().getString("registrationId");
    awaitTicket(token, id);
    assertThat(TestSlots.onlineTaken(slot)).isEqualTo(4);

    TestServer.api().auth().oauth2(token).delete("/api/registrations/" + id).then().statusCode(204);

    assertThat(TestSlots.onlineTaken(slot)).isZero();
    TestServer.api()
        .auth()
        .oauth2(token)
        .get("/api/registrations/" + id)
        .then()
        .body("status", equalTo("CANCELLED"));
    TestServer.api()
        .auth()
        .oauth2(token)
        .get("/api/registrations/" + id + "/ticket.png")
        .then()
        .statusCode(404);
  }

  @Test
  void theSameIdempotencyKeyGivesTheSameAnswerAndOneRegistration() throws Exception {
    String phone = Sessions.newPhone();
    String token = Sessions.token(phone);
    UUID slot = TestSlots.create(20, 0);
    String key = UUID.randomUUID().toString();

    Response first = register(token, slot, 2, key);
    Response again = register(token, slot, 2, key);

    first.then().statusCode(202);
    again.then().statusCode(202);
    assertThat(again.jsonPath().getString("registrationId"))
        .isEqualTo(first.jsonPath().getString("registrationId"));
    assertThat(TestSlots.onlineTaken(slot)).isEqualTo(2);
    register(token, slot, 3, key)
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:pravesh:problem:idempotency-key-reused"));
  }

  @Test
  void anIdempotencyKeyHeldByANodeThatDiedIsTakenOverAndItsAnswerKept() throws Exception {
    String token = Sessions.token(Sessions.newPhone());
    UUID slot = TestSlots.create(20, 0);
    String key = UUID.randomUUID().toString();

    // The node handling the first request dies holding the key (a pending mark naming it).
    register(TestServer.HTTP, token, slot, 2, "NODE-DIES-PENDING", key).then().statusCode(500);
    assertThat(TestSlots.onlineTaken(slot)).isZero();
    // Its mark outlived the failure: the key still belongs to that request.
    register(TestServer.HTTP, token, slot, 3, "NODE-DIES-PENDING", key)
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:pravesh:problem:idempotency-key-reused"));

    // The retry takes the key over and runs the registration; the retries after it get its answer.
    Response takenOver = register(TestServer.HTTP, token, slot, 2, "NODE-DIES-PENDING", key);
    takenOver.then().statusCode(202).header("Idempotent-Replayed", nullValue());
    Response replayed = register(TestServer.HTTP, token, slot, 2, "NODE-DIES-PENDING", key);
    replayed.then().statusCode(202).header("Idempotent-Replayed", equalTo("true"));
    assertThat(replayed.jsonPath().getString("registrationId"))
        .isEqualTo(takenOver.jsonPath().getString("registrationId"));
    assertThat(TestSlots.onlineTaken(slot)).isEqualTo(2);
  }

  @Test
  void aFullSlotSaysHowManySeatsRemain() throws Exception {
    UUID slot = TestSlots.create(12, 4);
    register(Sessions.token(Sessions.newPhone()), slot, 6, null).then().statusCode(202);

    register(Sessions.token(Sessions.newPhone()), slot, 3, null)
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:pravesh:problem:slot-full"))
        .body("remaining", equalTo(2));
  }

  @Test
  void aSlotThatHasEndedIsClosed() throws Exception {
    UUID slot = TestSlots.create(LocalDate.now(ZoneId.of("Asia/Kolkata")).minusDays(1), 10, 0);

    register(Sessions.token(Sessions.newPhone()), slot, 1, null)
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:pravesh:problem:registration-closed"));
  }

  @Test
  void badRegistrationsAreValidationProblems() throws Exception {
    String token = Sessions.token(Sessions.newPhone());
    UUID slot = TestSlots.create(10, 0);
    for (Map<String, Object> body :
        List.<Map<String, Object>>of(
            Map.of("slotId", slot.toString(), "name", "A", "partySize", 11, "consent", true),
            Map.of("slotId", slot.toString(), "name", "A", "partySize", 0, "consent", true),
            Map.of("slotId", slot.toString(), "name", "", "partySize", 1, "consent", true),
            Map.of("slotId", slot.toString(), "name", "A", "partySize", 1, "consent", false),
            Map.of("slotId", "nope", "name", "A", "partySize", 1, "consent", true),
            Map.of(
                "slotId",
                UUID.randomUUID().toString(),
                "name",
                "A",
                "partySize",
                1,
                "consent",
                true))) {
      TestServer.api()
          .auth()
          .oauth2(token)
          .contentType("application/json")
          .body(body)
          .post("/api/registrations")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("type", equalTo("urn:pravesh:problem:validation"));
    }
    assertThat(TestSlots.onlineTaken(slot)).isZero();
  }

  @Test
  void othersCannotSeeOrCancelARegistration() throws Exception {
    String owner = Sessions.token(Sessions.newPhone());
    String stranger = Sessions.token(Sessions.newPhone());
    String id =
        register(owner, TestSlots.create(10, 0), 1, null).jsonPath().getString("registrationId");

    TestServer.api().auth().oauth2(stranger).get("/api/registrations/" + id).then().statusCode(404);
    TestServer.api()
        .auth()
        .oauth2(stranger)
        .delete("/api/registrations/" + id)
        .then()
        .statusCode(404);
    TestServer.api()
        .auth()
        .oauth2(Sessions.token(Sessions.VOLUNTEER))
        .get("/api/registrations/" + id)
        .then()
        .statusCode(200)
        .body("phone", org.hamcrest.Matchers.matchesPattern("\\+91\\*{6}\\d{4}"));
  }

  @Test
  void withdrawingConsentCancelsAndErasesAndEndsTheSession() throws Exception {
    String phone = Sessions.newPhone();
    String token = Sessions.token(phone);
    UUID slot = TestSlots.create(10, 0);
    String id = register(token, slot, 2, null).jsonPath().getString("registrationId");
    awaitTicket(token, id);

    TestServer.api().auth().oauth2(token).delete("/api/me").then().statusCode(204);

    assertThat(TestSlots.onlineTaken(slot)).isZero();
    TestServer.api().auth().oauth2(token).get("/api/me").then().statusCode(401);
    try (var db = TestServer.database();
        var query =
            db.prepareStatement(
                "select status, phone, name, person_id, party_size from registration where id = ?::uuid")) {
      query.setString(1, id);
      var row = query.executeQuery();
      assertThat(row.next()).isTrue();
      assertThat(row.getString("status")).isEqualTo("CANCELLED");
      assertThat(row.getString("phone")).isNull();
      assertThat(row.getString("name")).isNull();
      assertThat(row.getString("person_id")).isNull();
      assertThat(row.getInt("party_size")).isEqualTo(2);
    }
    assertThat(Sessions.outbox(phone)).isEmpty();
  }

  @Test
  void theTicketKeyEndpointPublishesTheKeys() throws Exception {
    String token = Sessions.token(Sessions.newPhone());
    awaitTicket(
        token,
        register(token, TestSlots.create(5, 0), 1, null).jsonPath().getString("registrationId"));
    TestServer.api()
        .get("/api/events/" + TestSlots.EVENT + "/ticket-key")
        .then()
        .statusCode(200)
        .body("keys[0].algorithm", equalTo("Ed25519"))
        .body("keys[0].publicKey", org.hamcrest.Matchers.matchesPattern("[A-Za-z0-9+/]{43}="));
    TestServer.api().get("/api/events/no-such-fair/ticket-key").then().statusCode(404);
  }

  @Test
  void resendSendsTheTicketAgain() throws Exception {
    String phone = Sessions.newPhone();
    String token = Sessions.token(phone);
    String id =
        register(token, TestSlots.create(5, 0), 1, null).jsonPath().getString("registrationId");
    awaitTicket(token, id);
    awaitMessage(phone, "Your Pravesh ticket");

    TestServer.api()
        .auth()
        .oauth2(token)
        .post("/api/registrations/" + id + "/resend")
        .then()
        .statusCode(202);

    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline
        && Sessions.outbox(phone).stream().filter(b -> b.startsWith("Your Pravesh ticket")).count()
            < 2) {
      Thread.sleep(100);
    }
    assertThat(Sessions.outbox(phone).stream().filter(b -> b.startsWith("Your Pravesh ticket")))
        .hasSize(2);
    // Three resends an hour per registration.
    for (int i = 0; i < 2; i++) {
      TestServer.api()
          .auth()
          .oauth2(token)
          .post("/api/registrations/" + id + "/resend")
          .then()
          .statusCode(202);
    }
    TestServer.api()
        .auth()
        .oauth2(token)
        .post("/api/registrations/" + id + "/resend")
        .then()
        .statusCode(429)
        .body("type", equalTo("urn:pravesh:problem:rate-limited"));
  }

  @Test
  void aRotatedKeySignsNewTicketsAndOldTicketsStillVerify() throws Exception {
    String token = Sessions.token(Sessions.newPhone());
    String first =
        register(token, TestSlots.create(5, 0), 1, null).jsonPath().getString("registrationId");
    String oldToken = awaitTicket(token, first).getString("ticket.token");
    String eventId;
    try (var db = TestServer.database();
        var query = db.prepareStatement("select id from event where slug = ?")) {
      query.setString(1, TestSlots.EVENT);
      var row = query.executeQuery();
      row.next();
      eventId = row.getString(1);
    }

    String retired =
        TestServer.api()
            .auth()
            .oauth2(Sessions.token(Sessions.ADMIN))
            .post("/api/admin/events/" + eventId + "/ticket-key/rotate")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getString("retiredKid");

    String second =
        register(token, TestSlots.create(5, 0), 1, null).jsonPath().getString("registrationId");
    String newToken = awaitTicket(token, second).getString("ticket.token");
    assertThat(payloadOf(oldToken)).contains("\"kid\":\"" + retired + "\"");
    assertThat(payloadOf(newToken)).doesNotContain("\"kid\":\"" + retired + "\"");
    assertThat(verifiesOffline(oldToken)).isTrue();
    assertThat(verifiesOffline(newToken)).isTrue();
  }

  static String awaitMessage(String phone, String prefix) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      for (String body : Sessions.outbox(phone)) {
        if (body.startsWith(prefix)) {
          return body;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no message starting with '" + prefix + "' to " + phone);
  }

  /** Reads a QR image as the server's photo scans will (QrCodes.read). */
  static String decodeQr(byte[] png) throws Exception {
    return in.pravesh.platform.QrCodes.read(ImageIO.read(new ByteArrayInputStream(png)))
        .orElseThrow();
  }

  static String payloadOf(String token) {
    return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
  }

  /** Verifies a ticket token as a scanner offline would: the published raw key, Ed25519. */
  static boolean verifiesOffline(String token) {
    try {
      String[] parts = token.split("\\.");
      byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
      byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
      String kid =
          new String(payload, StandardCharsets.UTF_8).replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
      List<Map<String, String>> keys =
          TestServer.api()
              .get("/api/events/" + TestSlots.EVENT + "/ticket-key")
              .jsonPath()
              .getList("keys");
      for (Map<String, String> key : keys) {
        if (key.get("kid").equals(kid)) {
          byte[] raw = Base64.getDecoder().decode(key.get("publicKey"));
          byte[] x509 =
              ByteBuffer.allocate(44)
                  .put(
                      new byte[] {
                        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
                      })
                  .put(raw)
                  .array();
          PublicKey publicKey =
              KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
          Signature verifier = Signature.getInstance("Ed25519");
          verifier.initVerify(publicKey);
          verifier.update(payload);
          return verifier.verify(signature);
        }
      }
      return false;
    } catch (Exception e) {
      return false;
    }
  }
}
