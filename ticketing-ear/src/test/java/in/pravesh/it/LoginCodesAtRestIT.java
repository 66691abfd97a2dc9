package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Login codes sent through a real provider (Twilio, stood in for by WireMock) are never kept: no
 * text column of the message table holds one, by SMS or by WhatsApp template, and the code still
 * logs in.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LoginCodesAtRestIT {

  private static WireMockServer twilio;

  @BeforeAll
  static void start() {
    twilio = TwilioStandIn.start();
  }

  @Test
  void noMessageRowHoldsALoginCodeSentBySmsOrWhatsApp() throws Exception {
    List<String> codes = new ArrayList<>();
    List<String> phones = new ArrayList<>();
    for (String channel : List.of("sms", "whatsapp")) {
      String phone = TwilioStandIn.phone();
      TestServer.api()
          .contentType("application/json")
          .body(Map.of("phone", phone, "channel", channel))
          .post("/api/auth/otp")
          .then()
          .statusCode(202);
      phones.add(phone);
      codes.add(TwilioStandIn.lastCode(twilio, phone));
    }

    try (Connection db = TestServer.database()) {
      List<String> columns = new ArrayList<>();
      try (ResultSet rows =
          db.createStatement()
              .executeQuery(
                  "select column_name from information_schema.columns where table_name = 'message'"
                      + " and data_type in ('text', 'character varying')")) {
        while (rows.next()) {
          columns.add(rows.getString(1));
        }
      }
      assertThat(columns).contains("body", "content_variables");
      for (int i = 0; i < phones.size(); i++) {
        var query =
            db.prepareStatement(
                "select count(*) from message where recipient = ? and kind = 'otp'");
        query.setString(1, phones.get(i));
        ResultSet count = query.executeQuery();
        count.next();
        assertThat(count.getInt(1)).as("the login message is recorded").isEqualTo(1);
        for (String column : columns) {
          var holding =
              db.prepareStatement(
                  "select count(*) from message where recipient = ? and " + column + " like ?");
          holding.setString(1, phones.get(i));
          holding.setString(2, "%" + codes.get(i) + "%");
          ResultSet rows = holding.executeQuery();
          rows.next();
          assertThat(rows.getInt(1)).as("message." + column + " holds the code").isZero();
        }
      }
    }
    // Masked at rest, the code still works.
    Sessions.verify(phones.get(0), codes.get(0)).then().statusCode(200);
  }
}
