package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The volunteer desks: walk-ins (reserve first, groups, delivery), the help desk, resends. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeskIT {

  static Response walkIn(String token, UUID slot, String phone, int party, String deliver) {
    return walkIn(
        token,
        Map.of(
            "slotId",
            slot.toString(),
            "name",
            "Walk-in " + party,
            "phone",
            phone,
            "partySize",
            party,
            "deliver",
            deliver,
            "consent",
            true));
  }

  static Response walkIn(String token, Map<String, Object> body) {
    return TestServer.api()
        .auth()
        .oauth2(token)
        .contentType("application/json")
        .body(body)
        .post("/api/volunteer/registrations");
  }

  private static String volunteer() {
    return Sessions.token(Sessions.VOLUNTEER);
  }

  private static String admin() {
    return Sessions.token(Sessions.ADMIN);
  }

  @Test
  void aWalkInTakesTheReserveFirstAndItsTicketIsShownAtTheDesk() throws Exception {
    UUID slot = TestSlots.create(20, 5);
    String phone = Sessions.newPhone();

    JsonPath accepted =
        walkIn(volunteer(), slot, phone, 3, "none")
            .then()
            .statusCode(202)
            .body("status", equalTo("PENDING"))
            .extract()
            .jsonPath();
    String id = accepted.getString("registrationId");
    assertThat(accepted.getString("ticketImage"))
        .isEqualTo("/api/registrations/" + id + "/ticket.png");
    assertThat(TestSlots.reserveTaken(slot)).isEqualTo(3);
    assertThat(TestSlots.onlineTaken(slot)).isZero();

    JsonPath registration = RegistrationIT.awaitTicket(volunteer(), id);
    assertThat(registration.getString("channel")).isEqualTo("VOLUNTEER");
    assertThat(registration.getString("phone")).isEqualTo(phone); // the volunteer made it
    assertThat(registration.getString("createdBy")).isNotNull();
    byte[] png =
        TestServer.api()
            .auth()
            .oauth2(volunteer())
            .get(accepted.getString("ticketImage"))
            .then()
            .statusCode(200)
            .contentType("image/png")
            .extract()
            .asByteArray();
    assertThat(RegistrationIT.decodeQr(png)).isEqualTo(registration.getString("ticket.token"));
    Thread.sleep(1_000);
    assertThat(Sessions.outbox(phone)).as("deliver none sends nothing").isEmpty();

    // The next party: what is left of the reserve, then online seats.
    walkIn(volunteer(), slot, Sessions.newPhone(), 4, "none").then().statusCode(202);
    assertThat(TestSlots.reserveTaken(slot)).isEqualTo(5);
    assertThat(TestSlots.onlineTaken(slot)).isEqualTo(2);

    // The visitor, logging in with that phone, finds the walk-in among their registrations.
    TestServer.api()
        .auth()
        .oauth2(Sessions.token(phone))
        .get("/api/me/registrations")
        .then()
        .statusCode(200)
        .body("id", hasItem(id));
  }

  @Test
  void anAdminRegistersASchoolGroupOfSixtyAndTheTicketGoesBySms() throws Exception {
    UUID slot = TestSlots.create(100, 10);
    String phone = Sessions.newPhone();

    String id =
        walkIn(admin(), slot, phone, 60, "sms")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getString("registrationId");

    assertThat(TestSlots.reserveTaken(slot)).isEqualTo(10);
    assertThat(TestSlots.onlineTaken(slot)).isEqualTo(50);
    JsonPath registration = RegistrationIT.awaitTicket(admin(), id);
    assertThat(registration.getInt("partySize")).isEqualTo(60);
    awaitOutbox(phone, registration.getString("ticket.code"));
  }

  @Test
  void visitorsAreRefusedAtTheDesk() throws Exception {
    UUID slot = TestSlots.create(20, 5);
    String visitor = Sessions.token(Sessions.newPhone());

    walkIn(visitor, slot, Sessions.newPhone(), 2, "none").then().statusCode(403);
    TestServer.api()
        .auth()
        .oauth2(visitor)
        .queryParam("q", Sessions.newPhone())
        .get("/api/volunteer/lookup")
        .then()
        .statusCode(403);
    TestServer.api()
        .contentType("application/json")
        .body(Map.of("slotId", slot.toString()))
        .post("/api/volunteer/registrations")
        .then()
        .statusCode(401);
  }

  @Test
  void theHelpDeskFindsATicketByPhoneOrCodeMaskedForOtherVolunteersAndResendsIt() throws Exception {
    UUID slot = TestSlots.create(20, 5);
    String phone = Sessions.newPhone();
    String id =
        walkIn(admin(), slot, phone, 2, "none")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getString("registrationId");
    String code = RegistrationIT.awaitTicket(admin(), id).getString("ticket.code");

    // Another volunteer, at the help desk: the phone is masked, the ticket is there.
    JsonPath byPhone =
        lookup(volunteer(), phone.substring(3)).then().statusCode(200).extract().jsonPath();
    assertThat(byPhone.getList("id")).containsExactly(id);
    assertThat(byPhone.getString("[0].phone")).isEqualTo("+91******" + phone.substring(9));
    assertThat(byPhone.getString("[0].ticket.code")).isEqualTo(code);
    lookup(volunteer(), code.toLowerCase().replace("-", ""))
        .then()
        .statusCode(200)
        .body("id", equalTo(List.of(id)));
    lookup(admin(), code).then().statusCode(200).body("[0].phone", equalTo(phone));

    // "I lost my ticket": sent again, by SMS, from the desk.
    TestServer.api()
        .auth()
        .oauth2(volunteer())
        .post("/api/registrations/" + id + "/resend")
        .then()
        .statusCode(202);
    awaitOutbox(phone, code);

    lookup(volunteer(), "").then().statusCode(400).body("errors.q", startsWith("Give a phone"));
  }

  @Test
  void theDeskKeepsTheRulesOfRegistration() throws Exception {
    UUID slot = TestSlots.create(10, 2);
    String phone = Sessions.newPhone();
    String first =
        walkIn(volunteer(), slot, phone, 2, "none")
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getString("registrationId");

    walkIn(volunteer(), slot, phone, 1, "none")
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:pravesh:problem:already-registered"))
        .body("registrationId", equalTo(first));
    walkIn(volunteer(), slot, Sessions.newPhone(), 9, "none")
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:pravesh:problem:slot-full"))
        .body("remaining", equalTo(8));

    Map<String, Object> good =
        Map.of(
            "slotId",
            slot.toString(),
            "name",
            "Group",
            "phone",
            Sessions.newPhone(),
            "partySize",
            1,
            "deliver",
            "sms",
            "consent",
            true);
    for (Map.Entry<String, Object> bad :
        List.<Map.Entry<String, Object>>of(
            Map.entry("partySize", 101),
            Map.entry("deliver", "fax"),
            Map.entry("phone", "12345"),
            Map.entry("consent", false))) {
      Map<String, Object> body = new HashMap<>(good);
      body.put(bad.getKey(), bad.getValue());
      walkIn(volunteer(), body)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors." + bad.getKey(), org.hamcrest.Matchers.notNullValue());
    }
    assertThat(TestSlots.reserveTaken(slot) + TestSlots.onlineTaken(slot)).isEqualTo(2);
  }

  private static Response lookup(String token, String q) {
    return TestServer.api().auth().oauth2(token).queryParam("q", q).get("/api/volunteer/lookup");
  }

  static void awaitOutbox(String phone, String text) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    while (System.currentTimeMillis() < deadline) {
      if (Sessions.outbox(phone).stream().anyMatch(body -> body.contains(text))) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no message containing " + text + " to " + phone);
  }
}
