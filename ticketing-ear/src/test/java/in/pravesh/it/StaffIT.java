package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The staff list decides roles; deactivation and demotion revoke tokens; one-time login codes. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StaffIT {

  private static RequestSpecification asAdmin() {
    return TestServer.api().auth().oauth2(Sessions.token(Sessions.ADMIN));
  }

  private static String addStaff(String phone, String role) {
    return asAdmin()
        .contentType("application/json")
        .body(Map.of("phone", phone, "name", "Staff " + phone.substring(9), "role", role))
        .post("/api/admin/staff")
        .then()
        .statusCode(201)
        .body("phone", equalTo(phone))
        .body("role", equalTo(role))
        .body("active", equalTo(true))
        .extract()
        .jsonPath()
        .getString("id");
  }

  private static void change(String id, Map<String, Object> body) {
    asAdmin()
        .contentType("application/json")
        .body(body)
        .patch("/api/admin/staff/" + id)
        .then()
        .statusCode(200);
  }

  @Test
  void aNewVolunteerLogsInWithTheVolunteerRole() {
    String phone = Sessions.newPhone();
    addStaff(phone, "volunteer");

    Sessions.login(phone)
        .then()
        .body("roles", equalTo(List.of("visitor", "volunteer")))
        .body("expiresIn", equalTo(12 * 3600));
  }

  @Test
  void deactivatingAVolunteerRevokesTheirTokenAtOnce() {
    String phone = Sessions.newPhone();
    String id = addStaff(phone, "volunteer");
    String token = Sessions.login(phone).jsonPath().getString("accessToken");
    TestServer.api().auth().oauth2(token).get("/api/me").then().statusCode(200);

    change(id, Map.of("active", false));

    TestServer.api().auth().oauth2(token).get("/api/me").then().statusCode(401);
    Sessions.login(phone).then().body("roles", equalTo(List.of("visitor")));
  }

  @Test
  void demotingAnAdminRevokesTheirAdminToken() {
    String phone = Sessions.newPhone();
    String id = addStaff(phone, "admin");
    String adminToken = Sessions.login(phone).jsonPath().getString("accessToken");
    TestServer.api().auth().oauth2(adminToken).get("/api/admin/staff").then().statusCode(200);

    change(id, Map.of("role", "volunteer"));

    TestServer.api().auth().oauth2(adminToken).get("/api/admin/staff").then().statusCode(401);
    String newToken = Sessions.login(phone).jsonPath().getString("accessToken");
    TestServer.api().auth().oauth2(newToken).get("/api/admin/staff").then().statusCode(403);
  }

  @Test
  void aPhoneIsOnTheStaffListOnce() {
    String phone = Sessions.newPhone();
    addStaff(phone, "volunteer");

    asAdmin()
        .contentType("application/json")
        .body(Map.of("phone", phone, "name", "Again", "role", "admin"))
        .post("/api/admin/staff")
        .then()
        .statusCode(409)
        .body("type", equalTo("urn:pravesh:problem:already-registered"));
  }

  @Test
  void invalidStaffInputIsAValidationProblem() {
    asAdmin()
        .contentType("application/json")
        .body(Map.of("phone", "123", "name", "", "role", "boss"))
        .post("/api/admin/staff")
        .then()
        .statusCode(400)
        .body("errors.role", org.hamcrest.Matchers.notNullValue())
        .body("errors.name", org.hamcrest.Matchers.notNullValue());
    asAdmin()
        .contentType("application/json")
        .body(Map.of("active", false))
        .patch("/api/admin/staff/no-such-id")
        .then()
        .statusCode(404);
  }

  @Test
  void aLoginCodeWorksOnceAndIsAudited() throws Exception {
    String phone = Sessions.newPhone();
    String id = addStaff(phone, "volunteer");

    String code =
        asAdmin()
            .post("/api/admin/staff/" + id + "/login-code")
            .then()
            .statusCode(201)
            .body(
                "code", matchesPattern("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}"))
            .body("expiresAt", org.hamcrest.Matchers.notNullValue())
            .extract()
            .jsonPath()
            .getString("code");

    TestServer.api()
        .contentType("application/json")
        .body(Map.of("code", code.toLowerCase()))
        .post("/api/auth/staff-code")
        .then()
        .statusCode(200)
        .body("roles", equalTo(List.of("visitor", "volunteer")));
    TestServer.api()
        .contentType("application/json")
        .body(Map.of("code", code))
        .post("/api/auth/staff-code")
        .then()
        .statusCode(401)
        .body("type", equalTo("urn:pravesh:problem:otp-invalid"));

    assertThat(auditActions(id))
        .contains("staff.added", "staff.login-code.issued", "staff.login-code.used");
  }

  @Test
  void anExpiredLoginCodeIsRefused() throws Exception {
    String id = addStaff(Sessions.newPhone(), "volunteer");
    String code =
        asAdmin().post("/api/admin/staff/" + id + "/login-code").jsonPath().getString("code");
    try (Connection db = TestServer.database();
        PreparedStatement expire =
            db.prepareStatement(
                "update staff_login_code set expires_at = now() - interval '1 second'"
                    + " where staff_id = ?::uuid")) {
      expire.setString(1, id);
      assertThat(expire.executeUpdate()).isEqualTo(1);
    }

    TestServer.api()
        .contentType("application/json")
        .body(Map.of("code", code))
        .post("/api/auth/staff-code")
        .then()
        .statusCode(401);
  }

  @Test
  void aDeactivatedMembersCodeIsRefused() {
    String id = addStaff(Sessions.newPhone(), "volunteer");
    String code =
        asAdmin().post("/api/admin/staff/" + id + "/login-code").jsonPath().getString("code");
    change(id, Map.of("active", false));

    TestServer.api()
        .contentType("application/json")
        .body(Map.of("code", code))
        .post("/api/auth/staff-code")
        .then()
        .statusCode(401);
  }

  private static List<String> auditActions(String target) throws Exception {
    List<String> actions = new ArrayList<>();
    try (Connection db = TestServer.database();
        PreparedStatement query =
            db.prepareStatement("select action from audit_log where target = ? order by at")) {
      query.setString(1, target);
      ResultSet rows = query.executeQuery();
      while (rows.next()) {
        actions.add(rows.getString(1));
      }
    }
    return actions;
  }
}
