package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The development seed: demo event, gates, staff, the days added, and the dev routes. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DemoSeedIT {

  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

  @Test
  void theSeedCreatedTwoGatesAndTheTwoStaffPhones() throws Exception {
    try (Connection db = TestServer.database();
        Statement query = db.createStatement()) {
      ResultSet gates =
          query.executeQuery(
              "select count(*) from gate g join event e on e.id = g.event_id"
                  + " where e.slug = 'demo-book-fair'");
      gates.next();
      assertThat(gates.getInt(1)).isEqualTo(2);

      List<String> staff = new ArrayList<>();
      ResultSet rows =
          query.executeQuery(
              "select phone, role, active from staff where phone in"
                  + " ('+919000000001', '+919000000002') order by phone");
      while (rows.next()) {
        staff.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getBoolean(3));
      }
      assertThat(staff).containsExactly("+919000000001 admin true", "+919000000002 volunteer true");
    }
  }

  @Test
  void aDemoSeededWeeksAgoGetsTheComingDaysAndAUsedSlotKeepsItsDate() throws Exception {
    JsonPath before = TestServer.api().get("/api/events/demo-book-fair").jsonPath();
    String used = before.getString("slots[0].id");
    // Moved 40 days back below, behind the server's back.
    String usedDate = LocalDate.parse(before.getString("slots[0].date")).minusDays(40).toString();
    try (Connection db = TestServer.database();
        Statement update = db.createStatement()) {
      update.executeUpdate(
          "update slot set slot_date = slot_date - 40 where event_id ="
              + " (select id from event where slug = 'demo-book-fair')");
      update.executeUpdate(
          "update event set starts_on = starts_on - 40, ends_on = ends_on - 40"
              + " where slug = 'demo-book-fair'");
      // Seats taken in one old slot: as if tickets for its date were out.
      update.executeUpdate("update slot set online_taken = 1 where id = '" + used + "'");
    }

    TestServer.api().post("/api/dev/demo/refresh").then().statusCode(200);

    // Tickets carry their slot's date in a signed token: the used slot stays where it was, the
    // unused past ones go, and the coming days get slots of their own.
    LocalDate today = LocalDate.now(KOLKATA);
    var json =
        TestServer.api()
            .get("/api/events/demo-book-fair")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(json.getString("startsOn")).isEqualTo(usedDate);
    assertThat(json.getString("endsOn")).isEqualTo(today.plusDays(2).toString());
    assertThat(json.getList("slots.date", String.class))
        .containsExactly(
            usedDate, today.toString(), today.plusDays(1).toString(), today.plusDays(2).toString());
    assertThat(json.getString("slots[0].id")).isEqualTo(used);

    // Once nobody holds seats in it, it goes too, and the demo starts today again.
    try (Connection db = TestServer.database();
        Statement update = db.createStatement()) {
      update.executeUpdate("update slot set online_taken = 0 where id = '" + used + "'");
    }
    TestServer.api().post("/api/dev/demo/refresh").then().statusCode(200);
    json = TestServer.api().get("/api/events/demo-book-fair").jsonPath();
    assertThat(json.getString("startsOn")).isEqualTo(today.toString());
    assertThat(json.getList("slots.date", String.class))
        .containsExactly(
            today.toString(), today.plusDays(1).toString(), today.plusDays(2).toString());
  }

  @Test
  void refreshingTwiceChangesNothing() {
    String first =
        TestServer.api().post("/api/dev/demo/refresh").then().statusCode(200).extract().asString();
    String second =
        TestServer.api().post("/api/dev/demo/refresh").then().statusCode(200).extract().asString();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void theOutboxAnswersLoopbackClientsInDevelopmentMode() {
    TestServer.api()
        .queryParam("to", "+919000000099")
        .get("/api/dev/outbox")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("size()", equalTo(0));
  }
}
