package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

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
  void aDemoSeededWeeksAgoGetsTheComingDaysWhileItsSlotsKeepTheirDates() throws Exception {
    List<String> slotIdsBefore =
        TestServer.api().get("/api/events/demo-book-fair").jsonPath().getList("slots.id");
    try (Connection db = TestServer.database();
        Statement update = db.createStatement()) {
      update.executeUpdate(
          "update slot set slot_date = slot_date - 40 where event_id ="
              + " (select id from event where slug = 'demo-book-fair')");
      update.executeUpdate(
          "update event set starts_on = starts_on - 40, ends_on = ends_on - 40"
              + " where slug = 'demo-book-fair'");
    }
    List<String> oldDates =
        TestServer.api().get("/api/events/demo-book-fair").jsonPath().getList("slots.date");

    TestServer.api().post("/api/dev/demo/refresh").then().statusCode(200);

    // Tickets carry their slot's date in a signed token: the old slots stay where they were, and
    // the coming days get slots of their own.
    LocalDate today = LocalDate.now(KOLKATA);
    var event = TestServer.api().get("/api/events/demo-book-fair").then().statusCode(200);
    event.body("endsOn", equalTo(today.plusDays(2).toString()));
    var json = event.extract().jsonPath();
    List<String> ids = json.getList("slots.id");
    List<String> dates = json.getList("slots.date");
    assertThat(ids).containsAll(slotIdsBefore);
    for (int i = 0; i < slotIdsBefore.size(); i++) {
      assertThat(dates.get(ids.indexOf(slotIdsBefore.get(i)))).isEqualTo(oldDates.get(i));
    }
    assertThat(dates)
        .contains(today.toString(), today.plusDays(1).toString(), today.plusDays(2).toString());
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
