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
 * overbooked, nobody is refused while enough seats remain, and registrations arriving together
 * share transactions (RegistrationBatches). One phone racing itself and a desk gets one
 * registration.
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
    double batchesBefore = Metrics.value(TestServer.MANAGEMENT, BATCHES);
    double batchedBefore = Metrics.value(TestServer.MANAGEMENT, BATCHED);
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
      assertThat(Metrics.value(TestServer.MANAGEMENT, BATCHED) - batchedBefore).isEqualTo(racers);
      assertThat(Metrics.value(TestServer.MANAGEMENT, BATCHES) - batchesBefore)
          .as("transactions for " + racers + " registrations arriving at once")
          .isLessThan(racers);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * 20 attempts of one phone on the web and one walk-in for it at a desk, all at once: one
   * registration, and every other attempt is told which (409 already-registered with its id).
   */
  @Test
  void onePhoneRacingItselfAndADeskGetsOneRegistration() throws Exception {
    UUID slot = TestSlots.create(100, 10);
    String phone = Sessions.newPhone();
    String visitor = Sessions.token(phone);
    String volunteer = Sessions.token(Sessions.VOLUNTEER);
    ExecutorService pool = Executors.newFixedThreadPool(21);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Response>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return RegistrationIT.register(visitor, slot, 1, null);
                }));
      }
      results.add(
          pool.submit(
              () -> {
                start.await();
                return DeskIT.walkIn(volunteer, slot, phone, 1, "none");
              }));
      start.countDown();
      List<String> made = new ArrayList<>();
      List<String> named = new ArrayList<>();
      for (Future<Response> result : results) {
        Response response = result.get();
        if (response.statusCode() == 202 || response.statusCode() == 201) {
          made.add(response.jsonPath().getString("registrationId"));
        } else {
          assertThat(response.statusCode()).as(response.asString()).isEqualTo(409);
          assertThat(response.jsonPath().getString("type"))
              .isEqualTo("urn:pravesh:problem:already-registered");
          named.add(response.jsonPath().getString("registrationId"));
        }
      }
      assertThat(made).hasSize(1);
      assertThat(named).hasSize(20).containsOnly(made.get(0));
      assertThat(TestSlots.onlineTaken(slot) + TestSlots.reserveTaken(slot)).isEqualTo(1);
      try (var db = TestServer.database();
          var query =
              db.prepareStatement(
                  "select count(*) from registration where slot_id = ? and status <> 'CANCELLED'")) {
        query.setObject(1, slot);
        var row = query.executeQuery();
        row.next();
        assertThat(row.getInt(1)).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A batch that fails as a whole (one registration in it rolls back, by a test hook) has its
   * registrations made again one by one: the failing one alone gets the error, the others are made,
   * once each.
   */
  @Test
  void aFailedBatchHasItsRegistrationsMadeAloneAndOnlyTheFailingOneFails() throws Exception {
    UUID slot = TestSlots.create(50, 0);
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      tokens.add(Sessions.token(Sessions.newPhone()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Response>> results = new ArrayList<>();
    try {
      for (int i = 0; i < tokens.size(); i++) {
        String token = tokens.get(i);
        String name = i == 5 ? "ROLLBACK-AFTER-JOB" : "Racer " + i;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return RegistrationIT.register(TestServer.HTTP, token, slot, 1, name, null);
                }));
      }
      start.countDown();
      for (int i = 0; i < tokens.size(); i++) {
        Response response = results.get(i).get();
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(i == 5 ? 500 : 202);
      }
      assertThat(TestSlots.onlineTaken(slot)).isEqualTo(tokens.size() - 1);
      try (var db = TestServer.database();
          var query =
              db.prepareStatement(
                  "select count(*), count(distinct phone) from registration where slot_id = ?")) {
        query.setObject(1, slot);
        var row = query.executeQuery();
        row.next();
        assertThat(row.getInt(1)).isEqualTo(tokens.size() - 1);
        assertThat(row.getInt(2)).isEqualTo(tokens.size() - 1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Registrations for two slots at once, in both orders: the batches lock the slots in one order,
   * so none fails on a deadlock (each registration is made in a batch, none one by one).
   */
  @Test
  void batchesOverTwoSlotsNeverDeadlock() throws Exception {
    List<UUID> slots = List.of(TestSlots.create(100, 0), TestSlots.create(100, 0));
    int racers = 40;
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      tokens.add(Sessions.token(Sessions.newPhone()));
    }
    double batchedBefore = Metrics.value(TestServer.MANAGEMENT, BATCHED);
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Response>> results = new ArrayList<>();
    try {
      for (int i = 0; i < racers; i++) {
        String token = tokens.get(i);
        UUID slot = slots.get((i / 2) % 2 == 0 ? i % 2 : 1 - i % 2);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return RegistrationIT.register(token, slot, 1, null);
                }));
      }
      start.countDown();
      for (Future<Response> result : results) {
        assertThat(result.get().statusCode()).isEqualTo(202);
      }
      assertThat(TestSlots.onlineTaken(slots.get(0)) + TestSlots.onlineTaken(slots.get(1)))
          .isEqualTo(racers);
      assertThat(Metrics.value(TestServer.MANAGEMENT, BATCHED) - batchedBefore)
          .as("registrations made in batches (a failed batch's are made one by one)")
          .isEqualTo(racers);
    } finally {
      pool.shutdownNow();
    }
  }

  private static final String BATCHES = "pravesh_registration_batches_total";
  private static final String BATCHED = "pravesh_registration_batched_total";
}
