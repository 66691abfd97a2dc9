package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An event's statistics agree with what happened: registrations, cancels, tickets, entries. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StatsIT {

  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

  @Test
  void theNumbersFollowRegistrationsCancelsAndScans() throws Exception {
    String admin = Sessions.token(Sessions.ADMIN);
    String volunteer = Sessions.token(Sessions.VOLUNTEER);
    String slug = AdminIT.slug();
    String eventId = AdminIT.createEvent(slug);
    LocalDate today = LocalDate.now(KOLKATA);
    UUID slot =
        UUID.fromString(
            AdminIT.addSlot(eventId, AdminIT.slot(today, 100, 10))
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    String gate =
        TestServer.api()
            .auth()
            .oauth2(admin)
            .contentType("application/json")
            .body(Map.of("name", "Stats Gate"))
            .post("/api/admin/events/" + eventId + "/gates")
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    String web = Sessions.token(Sessions.newPhone());
    String kept =
        RegistrationIT.register(web, slot, 2, null)
            .then()
            .statusCode(202)
            .extract()
            .path("registrationId");
    String other = Sessions.token(Sessions.newPhone());
    String cancelled =
        RegistrationIT.register(other, slot, 3, null)
            .then()
            .statusCode(202)
            .extract()
            .path("registrationId");
    TestServer.api()
        .auth()
        .oauth2(other)
        .delete("/api/registrations/" + cancelled)
        .then()
        .statusCode(204);
    String walkIn =
        DeskIT.walkIn(volunteer, slot, Sessions.newPhone(), 4, "none")
            .then()
            .statusCode(202)
            .extract()
            .path("registrationId");
    String token = RegistrationIT.awaitTicket(web, kept).getString("ticket.token");
    RegistrationIT.awaitTicket(volunteer, walkIn);
    TestServer.api()
        .auth()
        .oauth2(volunteer)
        .contentType("application/json")
        .body(Map.of("token", token, "gateId", gate))
        .post("/api/scans")
        .then()
        .statusCode(200);

    JsonPath stats =
        TestServer.api()
            .auth()
            .oauth2(admin)
            .queryParam("event", slug)
            .get("/api/admin/stats")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(stats.getLong("registrations.total")).isEqualTo(2);
    assertThat(stats.getLong("registrations.people")).isEqualTo(6);
    assertThat(stats.getMap("registrations.byChannel"))
        .containsEntry("WEB", 1)
        .containsEntry("VOLUNTEER", 1)
        .containsEntry("WHATSAPP", 0);
    assertThat(stats.getList("registrations.byDate"))
        .isEqualTo(List.of(Map.of("date", today.toString(), "count", 2)));
    assertThat(stats.getLong("tickets.pending")).isZero();
    assertThat(stats.getLong("tickets.issued")).isEqualTo(2);
    assertThat(stats.getLong("entries.total")).isEqualTo(1);
    assertThat(stats.getLong("entries.people")).isEqualTo(2);
    assertThat(stats.getList("entries.byGate"))
        .isEqualTo(List.of(Map.of("gateId", gate, "name", "Stats Gate", "count", 1, "people", 2)));
    assertThat(stats.getList("entries.byHour")).hasSize(1);
    assertThat(stats.getString("entries.byHour[0].hour")).endsWith(":00:00+05:30");
    assertThat(stats.getString("generatedAt")).endsWith("+05:30");

    TestServer.api()
        .auth()
        .oauth2(volunteer)
        .queryParam("event", slug)
        .get("/api/admin/stats")
        .then()
        .statusCode(403);
    TestServer.api()
        .auth()
        .oauth2(admin)
        .queryParam("event", "no-such-fair")
        .get("/api/admin/stats")
        .then()
        .statusCode(404);
  }
}
