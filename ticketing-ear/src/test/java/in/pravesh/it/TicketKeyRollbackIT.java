package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An event's first ticket job makes the event's signing key; when that job rolls back, so does the
 * key, and it must not be remembered: the next tickets of the event are made with a key that exists
 * (a remembered key failed their foreign key, and they drained to the dead-letter queue).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TicketKeyRollbackIT {

  @Test
  void aKeyMadeInARolledBackJobIsNeverUsed() throws Exception {
    String event = "key-rollback-" + UUID.randomUUID().toString().substring(0, 8);
    UUID slot = TestSlots.createIn(event, 10);
    String failing = Sessions.token(Sessions.newPhone());
    String failingId =
        RegistrationIT.register(TestServer.HTTP, failing, slot, 1, "FAIL-AFTER-KEY", null)
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getString("registrationId");
    TicketJobsIT.awaitDeadJob(Sessions.token(Sessions.ADMIN), failingId);

    String visitor = Sessions.token(Sessions.newPhone());
    String id =
        RegistrationIT.register(visitor, slot, 1, null).jsonPath().getString("registrationId");
    RegistrationIT.awaitTicket(visitor, id);

    try (var db = TestServer.database();
        var keys =
            db.prepareStatement(
                "select count(*) from ticket_key k join event e on e.id = k.event_id"
                    + " where e.slug = ?")) {
      keys.setString(1, event);
      var row = keys.executeQuery();
      row.next();
      assertThat(row.getInt(1)).as("keys of the event").isEqualTo(1);
    }
  }
}
