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

/**
 * 60 registrations with party sizes 1 to 10 race for 25 seats from 60 phones: the slot is never
 * overbooked, and nobody is refused while enough seats remain.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CapacityRaceIT {

  @Test
  void racingRegistrationsNeverOverbookAndNeverRefuseWhileSeatsRemain() throws Exception {
    int racers = 60;
    UUID slot = TestSlots.create(30, 5);
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      tokens.add(Sessions.token(Sessions.newPhone()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Response>> results = new ArrayList<>();
    List<Integer> parties = new ArrayList<>();
    try {
      for (int i = 0; i < racers; i++) {
        int party = 1 + (i * 7) % 10;
        parties.add(party);
        String token = tokens.get(i);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return RegistrationIT.register(token, slot, party, null);
                }));
      }
      start.countDown();
      int accepted = 0;
      List<Integer> refused = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        Response response = results.get(i).get();
        if (response.statusCode() == 202) {
          accepted += parties.get(i);
        } else {
          assertThat(response.statusCode()).isEqualTo(409);
          assertThat(response.jsonPath().getString("type"))
              .isEqualTo("urn:pravesh:problem:slot-full");
          refused.add(parties.get(i));
        }
      }
      int left = 25 - accepted;

      assertThat(accepted).isLessThanOrEqualTo(25);
      assertThat(refused).allSatisfy(party -> assertThat(party).isGreaterThan(left));
      assertThat(TestSlots.onlineTaken(slot)).isEqualTo(accepted);
      // The public list may be a few seconds stale (api.md); it settles on the database's count.
      Eventually.holds(
          () ->
              assertThat(
                      TestServer.api()
                          .get("/api/events/" + TestSlots.EVENT)
                          .jsonPath()
                          .getInt("slots.find { it.id == '" + slot + "' }.remaining"))
                  .isEqualTo(left));
      try (var db = TestServer.database();
          var query =
              db.prepareStatement(
                  "select coalesce(sum(party_size), 0) from registration where slot_id = ?"
                      + " and status <> 'CANCELLED'")) {
        query.setObject(1, slot);
        var row = query.executeQuery();
        row.next();
        assertThat(row.getInt(1)).isEqualTo(accepted);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
