package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Personal data is not kept for ever: old login challenges and old messages are deleted by their
 * contexts' retention jobs (every 5 s on the test server, hourly by default), recent ones stay.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RetentionIT {

  @Test
  void oldChallengesAndMessagesAreDeletedAndRecentOnesKept() throws Exception {
    String oldPhone = "+9198" + String.format("%08d", (int) (Math.random() * 1e8));
    UUID oldMessage = UUID.randomUUID();
    UUID recentMessage = UUID.randomUUID();
    try (Connection db = TestServer.database()) {
      var challenge =
          db.prepareStatement(
              "insert into otp_challenge (id, phone, code_hash, channel, created_at, expires_at)"
                  + " values (gen_random_uuid(), ?, 'x', 'sms', now() - interval '3 days',"
                  + " now() - interval '3 days')");
      challenge.setString(1, oldPhone);
      challenge.executeUpdate();
      var message =
          db.prepareStatement(
              "insert into message (id, kind, channel, recipient, body, state, provider,"
                  + " created_at) values (?, 'ticket', 'sms', ?, 'x', 'SENT', 'outbox',"
                  + " now() - make_interval(days => ?))");
      message.setObject(1, oldMessage);
      message.setString(2, oldPhone);
      message.setInt(3, 40);
      message.executeUpdate();
      message.setObject(1, recentMessage);
      message.setInt(3, 2);
      message.executeUpdate();
    }

    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline
        && ScanIT.count("select count(*) from otp_challenge where phone = ?", oldPhone)
                + ScanIT.count(
                    "select count(*) from message where id = ?::uuid", oldMessage.toString())
            > 0) {
      Thread.sleep(500);
    }
    assertThat(ScanIT.count("select count(*) from otp_challenge where phone = ?", oldPhone))
        .isZero();
    assertThat(
            ScanIT.count("select count(*) from message where id = ?::uuid", oldMessage.toString()))
        .isZero();
    assertThat(
            ScanIT.count(
                "select count(*) from message where id = ?::uuid", recentMessage.toString()))
        .isEqualTo(1);
  }
}
