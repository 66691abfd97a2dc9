package in.pravesh.it;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Tickets made through the API for entry tests, and scans of them. */
final class Tickets {

  private Tickets() {}

  /** A ticket as its holder has it, with the token of the visitor who registered. */
  record Issued(String registrationId, String visitor, String id, String token, String code) {}

  /** Registers a new visitor for the slot and waits for the ticket. */
  static Issued issue(UUID slot) throws Exception {
    String visitor = Sessions.token(Sessions.newPhone());
    String registration =
        RegistrationIT.register(visitor, slot, 2, null)
            .then()
            .statusCode(202)
            .extract()
            .path("registrationId");
    JsonPath ticketed = RegistrationIT.awaitTicket(visitor, registration);
    return new Issued(
        registration,
        visitor,
        ticketed.getString("ticket.id"),
        ticketed.getString("ticket.token"),
        ticketed.getString("ticket.code"));
  }

  /**
   * {@code n} tickets of one visitor, one per new slot today (one active registration per phone and
   * slot), registered 8 at a time.
   */
  static List<Issued> issueMany(int n) throws Exception {
    String visitor = Sessions.token(Sessions.newPhone());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<String>> registrations = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      UUID slot = TestSlots.create(10, 0);
      registrations.add(
          pool.submit(
              () ->
                  RegistrationIT.register(visitor, slot, 1, null)
                      .then()
                      .statusCode(202)
                      .extract()
                      .<String>path("registrationId")));
    }
    Set<String> ids = new HashSet<>();
    for (Future<String> registration : registrations) {
      ids.add(registration.get());
    }
    pool.shutdown();
    long deadline = System.currentTimeMillis() + 120_000;
    while (true) {
      List<Map<String, Object>> mine =
          TestServer.api()
              .auth()
              .oauth2(visitor)
              .get("/api/me/registrations")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("$");
      List<Issued> issued =
          mine.stream()
              .filter(r -> ids.contains(r.get("id")) && "TICKETED".equals(r.get("status")))
              .map(
                  r -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> t = (Map<String, Object>) r.get("ticket");
                    return new Issued(
                        (String) r.get("id"),
                        visitor,
                        (String) t.get("id"),
                        (String) t.get("token"),
                        (String) t.get("code"));
                  })
              .toList();
      if (issued.size() == n) {
        return issued;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError(issued.size() + " of " + n + " tickets made within 2 minutes");
      }
      Thread.sleep(250);
    }
  }

  /** POST /api/scans with a token at a gate of the server at {@code baseUri}. */
  static Response scan(String baseUri, String volunteer, String token, UUID gate, String key) {
    Map<String, Object> body = new HashMap<>();
    body.put("token", token);
    body.put("gateId", gate.toString());
    body.put("deviceId", "it-device");
    return post(baseUri, volunteer, body, key);
  }

  static Response scan(String volunteer, String token, UUID gate) {
    return scan(TestServer.HTTP, volunteer, token, gate, null);
  }

  static Response post(String baseUri, String volunteer, Map<String, ?> body, String key) {
    var request =
        RestAssured.given()
            .baseUri(baseUri)
            .auth()
            .oauth2(volunteer)
            .contentType("application/json")
            .body(body);
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return request.post("/api/scans");
  }

  static String newKey() {
    return UUID.randomUUID().toString();
  }
}
