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

  /**
   * Registrations of an event that ended more than 30 days ago (the default) lose name, phone,
   * e-mail and person; their counts stay; an event that ended 29 days ago keeps everything.
   */
  @Test
  void registrationsAreAnonymisedThirtyDaysAfterTheirEventEndsAndTheCountsStay() throws Exception {
    UUID old;
    UUID recent;
    UUID person = UUID.randomUUID();
    try (Connection db = TestServer.database()) {
      old = in.pravesh.bench.ExportBench.seed(db, 3);
      recent = in.pravesh.bench.ExportBench.seed(db, 3);
      // One of the old registrations belongs to a person who has nothing else with us. Made and
      // given the registration in one transaction: the retention job (every 5 s here) sweeps a
      // person who has nothing, and would otherwise delete this one between the two statements.
      db.setAutoCommit(false);
      var owner =
          db.prepareStatement(
              "insert into person (id, phone, created_at) values (?, '+9197'"
                  + " || lpad((random() * 1e8)::int::text, 8, '0'), now() - interval '40 days')");
      owner.setObject(1, person);
      owner.executeUpdate();
      var owned =
          db.prepareStatement(
              "update registration set person_id = ? where id = (select r.id from registration r"
                  + " join slot s on s.id = r.slot_id where s.event_id = ? limit 1)");
      owned.setObject(1, person);
      owned.setObject(2, old);
      owned.executeUpdate();
      db.commit();
      db.setAutoCommit(true);
      for (var event : java.util.Map.of(old, 31, recent, 29).entrySet()) {
        var ended =
            db.prepareStatement(
                "update event set starts_on = current_date - ?, ends_on = current_date - ?"
                    + " where id = ?");
        ended.setInt(1, event.getValue());
        ended.setInt(2, event.getValue());
        ended.setObject(3, event.getKey());
        ended.executeUpdate();
      }
    }
    String personal =
        "select count(*) from registration r join slot s on s.id = r.slot_id"
            + " where s.event_id = ?::uuid and (r.name is not null or r.phone is not null)";
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline
        && ScanIT.count(personal, old.toString())
                + ScanIT.count("select count(*) from person where id = ?::uuid", person.toString())
            > 0) {
      Thread.sleep(500);
    }
    assertThat(ScanIT.count(personal, old.toString())).isZero();
    assertThat(
            ScanIT.count(
                "select count(*) from registration r join slot s on s.id = r.slot_id"
                    + " where s.event_id = ?::uuid and r.anonymised_at is not null"
                    + " and r.status = 'TICKETED' and r.party_size = 1 and r.person_id is null"
                    + " and r.email is null and r.consent_at is not null",
                old.toString()))
        .isEqualTo(3);
    assertThat(
            ScanIT.count("select count(*) from admission where event_id = ?::uuid", old.toString()))
        .isEqualTo(3);
    assertThat(ScanIT.count("select count(*) from person where id = ?::uuid", person.toString()))
        .as("the person with nothing else left")
        .isZero();
    assertThat(ScanIT.count(personal, recent.toString())).isEqualTo(3);
    assertThat(
            ScanIT.count(
                "select count(*) from registration r join slot s on s.id = r.slot_id"
                    + " where s.event_id = ?::uuid and r.anonymised_at is not null",
                recent.toString()))
        .isZero();
  }
}
