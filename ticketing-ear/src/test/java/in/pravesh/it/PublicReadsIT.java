package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The public reads answered from memory (issue "Performance"): an ETag and a short Cache-Control,
 * 304 to a client that has the answer, an admin's change seen at once, seats within 5 seconds, and
 * unknown slugs never kept.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PublicReadsIT {

  @Test
  void eachAnswerHasItsETagAndAClientThatHasItIsAnsweredNotModified() {
    for (String path :
        new String[] {
          "/api/events", "/api/events/demo-book-fair", "/api/events/demo-book-fair/ticket-key"
        }) {
      Response first = TestServer.api().get(path);
      assertThat(first.statusCode()).as(path).isEqualTo(200);
      String etag = first.header("ETag");
      assertThat(etag).as(path).matches("\"[A-Za-z0-9_-]{22}\"");
      assertThat(first.header("Cache-Control")).as(path).isEqualTo("public, max-age=2");

      Response again = TestServer.api().header("If-None-Match", etag).get(path);
      if (again.statusCode() == 200) { // it changed meanwhile (seats): then its ETag did too
        assertThat(again.header("ETag")).as(path).isNotEqualTo(etag);
        continue;
      }
      assertThat(again.statusCode()).as(path).isEqualTo(304);
      assertThat(again.header("ETag")).isEqualTo(etag);
      assertThat(again.asByteArray()).isEmpty();

      Response other = TestServer.api().header("If-None-Match", "\"not-this-one\"").get(path);
      assertThat(other.statusCode()).as(path).isEqualTo(200);
      assertThat(other.asString()).isNotEmpty();
    }
  }

  @Test
  void anEventAnAdminMakesOrChangesIsSeenAtOnce() {
    TestServer.api().get("/api/events").then().statusCode(200); // the list is in memory now
    String slug = AdminIT.slug();
    TestServer.api().get("/api/events/" + slug).then().statusCode(404); // not kept

    String eventId = AdminIT.createEvent(slug);
    AdminIT.addSlot(
            eventId,
            AdminIT.slot(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Kolkata")), 50, 0))
        .then()
        .statusCode(201);

    assertThat(TestServer.api().get("/api/events").jsonPath().getList("slug", String.class))
        .contains(slug);
    Response event = TestServer.api().get("/api/events/" + slug);
    assertThat(event.statusCode()).isEqualTo(200);
    assertThat(event.jsonPath().getList("slots")).hasSize(1);

    Map<String, Object> renamed = AdminIT.event(slug);
    renamed.put("name", "Renamed " + slug);
    TestServer.api()
        .auth()
        .oauth2(Sessions.token(Sessions.ADMIN))
        .contentType("application/json")
        .body(renamed)
        .put("/api/admin/events/" + eventId)
        .then()
        .statusCode(200);
    assertThat(TestServer.api().get("/api/events/" + slug).jsonPath().getString("name"))
        .isEqualTo("Renamed " + slug);
  }

  @Test
  void seatsTakenShowWithinFiveSeconds() throws Exception {
    UUID slot = TestSlots.create(40, 0);
    String path = "/api/events/" + TestSlots.EVENT;
    Eventually.holds(() -> assertThat(remaining(path, slot)).isEqualTo(40));
    String before = TestServer.api().get(path).header("ETag");

    RegistrationIT.register(Sessions.token(Sessions.newPhone()), slot, 3, null)
        .then()
        .statusCode(202);

    long registered = System.nanoTime();
    Eventually.holds(() -> assertThat(remaining(path, slot)).isEqualTo(37));
    assertThat((System.nanoTime() - registered) / 1_000_000).isLessThan(5_000);
    assertThat(TestServer.api().get(path).header("ETag")).isNotEqualTo(before);
  }

  private static int remaining(String path, UUID slot) {
    return TestServer.api()
        .get(path)
        .jsonPath()
        .getInt("slots.find { it.id == '" + slot + "' }.remaining");
  }
}
