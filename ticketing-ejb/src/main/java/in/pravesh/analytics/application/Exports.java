package in.pravesh.analytics.application;

import in.pravesh.audit.AuditLog;
import in.pravesh.identity.domain.PhoneNumber;
import in.pravesh.platform.BusinessException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Exports of an event's registrations and entries as CSV (api.md, Admin): written row by row from a
 * database cursor (constant memory whatever the count), UTF-8 with a byte-order mark so that Excel
 * shows Hindi names, phones masked unless asked for in full, and free text that a spreadsheet would
 * run as a formula neutralised. The cursor lives on a read-only connection of its own, outside any
 * container transaction: a long download holds no transaction timeout.
 */
@ApplicationScoped
public class Exports {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final int FETCH = 1_000;

  @Resource(lookup = "java:jboss/datasources/PraveshDS")
  DataSource database;

  @Inject AuditLog audit;

  /** The event of an export, checked (and the export audited) before anything is streamed. */
  public record Target(UUID eventId, ZoneId zone) {}

  public Target start(String slug, String what, boolean fullPhones, AuditLog.Actor actor) {
    try (Connection db = database.getConnection();
        PreparedStatement query =
            db.prepareStatement("select id, time_zone from event where slug = ?")) {
      query.setString(1, slug);
      try (ResultSet row = query.executeQuery()) {
        if (!row.next()) {
          throw BusinessException.notFound("Event '" + slug + "'");
        }
        Target target = new Target(row.getObject(1, UUID.class), ZoneId.of(row.getString(2)));
        audit.record(
            actor,
            "export." + what,
            target.eventId().toString(),
            fullPhones ? "phones=full" : null);
        return target;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public void registrationsCsv(Target target, boolean fullPhones, OutputStream out) {
    stream(
        "select r.id, r.created_at, s.slot_date, s.starts_at, r.name, r.phone, r.party_size,"
            + " r.channel, r.status, t.code, r.consent_at from registration r"
            + " join slot s on s.id = r.slot_id left join ticket t on t.registration_id = r.id"
            + " where s.event_id = ? order by r.created_at, r.id",
        List.of(
            "registrationId",
            "createdAt",
            "date",
            "startsAt",
            "name",
            "phone",
            "partySize",
            "channel",
            "status",
            "ticketCode",
            "consentAt"),
        target,
        out,
        (row, printer) ->
            printer.printRecord(
                row.getString(1),
                time(row.getTimestamp(2), target.zone()),
                row.getString(3),
                row.getString(4).substring(0, 5),
                text(row.getString(5)),
                phone(row.getString(6), fullPhones),
                row.getInt(7),
                row.getString(8),
                row.getString(9),
                row.getString(10),
                time(row.getTimestamp(11), target.zone())));
  }

  public void entriesCsv(Target target, OutputStream out) {
    stream(
        "select a.admitted_at, a.admitted_on, t.code, r.name, a.party_size, g.name"
            + " from admission a join ticket t on t.id = a.ticket_id"
            + " join registration r on r.id = t.registration_id join gate g on g.id = a.gate_id"
            + " where a.event_id = ? order by a.admitted_at, a.ticket_id",
        List.of("admittedAt", "date", "ticketCode", "name", "partySize", "gate"),
        target,
        out,
        (row, printer) ->
            printer.printRecord(
                time(row.getTimestamp(1), target.zone()),
                row.getString(2),
                row.getString(3),
                text(row.getString(4)),
                row.getInt(5),
                text(row.getString(6))));
  }

  private interface RowWriter {
    void write(ResultSet row, CSVPrinter printer) throws SQLException, IOException;
  }

  private void stream(
      String sql, List<String> header, Target target, OutputStream out, RowWriter writer) {
    try (Connection db = database.getConnection()) {
      db.setReadOnly(true);
      db.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
      try (PreparedStatement query = db.prepareStatement(sql)) {
        query.setFetchSize(FETCH);
        query.setObject(1, target.eventId());
        var text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        text.write('\uFEFF');
        try (ResultSet rows = query.executeQuery();
            CSVPrinter printer =
                CSVFormat.DEFAULT
                    .builder()
                    .setHeader(header.toArray(String[]::new))
                    .get()
                    .print(text)) {
          while (rows.next()) {
            writer.write(rows, printer);
          }
          printer.flush();
        }
      } finally {
        db.rollback();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      // The client went away: the cursor and connection are closed above.
      throw new UncheckedIOException(e);
    }
  }

  /** A cell a spreadsheet would take for a formula is prefixed with an apostrophe. */
  static String text(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    char first = value.charAt(0);
    return first == '='
            || first == '+'
            || first == '-'
            || first == '@'
            || first == '\t'
            || first == '\r'
        ? "'" + value
        : value;
  }

  private static String phone(String e164, boolean full) {
    if (e164 == null) {
      return null;
    }
    return full ? e164 : new PhoneNumber(e164).masked();
  }

  private static String time(Timestamp at, ZoneId zone) {
    return at == null ? null : TIME.format(at.toInstant().atZone(zone));
  }
}
