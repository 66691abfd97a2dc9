package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seats go back once, whatever races: cancellations of one registration, erasure after entry. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CancelRaceIT {

  @Test
  void twentyRacingCancelsOfOnePartyFreeItsSeatsOnce() throws Exception {
    UUID slot = TestSlots.create(50, 0);
    // A second party in the slot: a double release would show as fewer than its 3 seats taken.
    Tickets.issue(slot);
    String visitor = Sessions.token(Sessions.newPhone());
    String id =
        RegistrationIT.register(visitor, slot, 5, null).jsonPath().getString("registrationId");
    RegistrationIT.awaitTicket(visitor, id);
    assertThat(TestSlots.onlineTaken(slot)).isEqualTo(7);

    int racers = 20;
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Response>> answers = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      answers.add(
          pool.submit(
              () -> {
                start.await();
                return TestServer.api().auth().oauth2(visitor).delete("/api/registrations/" + id);
              }));
    }
    start.countDown();
    int noContent = 0;
    for (Future<Response> answer : answers) {
      Response response = answer.get();
      assertThat(response.statusCode()).as(response.asString()).isIn(204, 404, 409);
      if (response.statusCode() == 204) {
        noContent++;
      }
    }
    pool.shutdown();

    assertThat(noContent).isPositive();
    assertThat(TestSlots.onlineTaken(slot)).as("seats of the party that stays").isEqualTo(2);
  }

  @Test
  void erasureAfterEntryKeepsTheSeatsThePartyUsed() throws Exception {
    UUID slot = TestSlots.create(20, 0);
    UUID gate = TestSlots.gate("Erasure");
    String phone = Sessions.newPhone();
    String visitor = Sessions.token(phone);
    String admittedId =
        RegistrationIT.register(visitor, slot, 3, null).jsonPath().getString("registrationId");
    String token = RegistrationIT.awaitTicket(visitor, admittedId).getString("ticket.token");
    String volunteer = Sessions.token(Sessions.VOLUNTEER);
    Tickets.scan(volunteer, token, gate)
        .then()
        .statusCode(200)
        .body("outcome", org.hamcrest.Matchers.equalTo("ADMITTED"))
        .body("ticket.name", org.hamcrest.Matchers.notNullValue());
    UUID laterSlot = TestSlots.create(20, 0);
    String unusedId =
        RegistrationIT.register(visitor, laterSlot, 2, null).jsonPath().getString("registrationId");
    RegistrationIT.awaitTicket(visitor, unusedId);

    TestServer.api().auth().oauth2(visitor).delete("/api/me").then().statusCode(204);

    assertThat(TestSlots.onlineTaken(slot)).as("the admitted party used its seats").isEqualTo(3);
    // The entry cache's record of the admission, with the holder's name, went with the erasure.
    Tickets.scan(volunteer, token, gate)
        .then()
        .statusCode(200)
        .body("outcome", org.hamcrest.Matchers.equalTo("ALREADY_ADMITTED"))
        .body("ticket.name", org.hamcrest.Matchers.nullValue());
    assertThat(TestSlots.onlineTaken(laterSlot)).as("the unused registration").isZero();
    try (var db = TestServer.database();
        var query =
            db.prepareStatement(
                "select id::text, status, phone, name, person_id from registration"
                    + " where id in (?::uuid, ?::uuid)")) {
      query.setString(1, admittedId);
      query.setString(2, unusedId);
      var rows = query.executeQuery();
      int seen = 0;
      while (rows.next()) {
        seen++;
        assertThat(rows.getString("status"))
            .isEqualTo(rows.getString(1).equals(admittedId) ? "TICKETED" : "CANCELLED");
        assertThat(rows.getString("phone")).isNull();
        assertThat(rows.getString("name")).isNull();
        assertThat(rows.getString("person_id")).isNull();
      }
      assertThat(seen).isEqualTo(2);
    }
  }
}
