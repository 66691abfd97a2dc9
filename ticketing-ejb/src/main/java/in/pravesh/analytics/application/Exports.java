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
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

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
  static final String APPLICATION_NAME = "pravesh-export";

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

  private static final String REGISTRATIONS =
      "select r.id, r.created_at, s.slot_date, s.starts_at, r.name, r.phone, r.party_size,"
          + " r.channel, r.status, t.code, r.consent_at from registration r"
          + " join slot s on s.id = r.slot_id left join ticket t on t.registration_id = r.id"
          + " where s.event_id = ? order by r.created_at, r.id";

  private static final List<String> REGISTRATION_COLUMNS =
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
          "consentAt");

  private static final String ENTRIES =
      "select a.admitted_at, a.admitted_on, t.code, r.name, a.party_size, g.name"
          + " from admission a join ticket t on t.id = a.ticket_id"
          + " join registration r on r.id = t.registration_id join gate g on g.id = a.gate_id"
          + " where a.event_id = ? order by a.admitted_at, a.ticket_id";

  private static final List<String> ENTRY_COLUMNS =
      List.of("admittedAt", "date", "ticketCode", "name", "partySize", "gate");

  /** Writes the rows; returns how many. */
  public long registrationsCsv(Target target, boolean fullPhones, OutputStream out) {
    return stream(
        REGISTRATIONS,
        target,
        registration(target, fullPhones, true),
        new CsvSink(REGISTRATION_COLUMNS, out));
  }

  /**
   * The same as an XLSX workbook (text cells, never formulas; a new sheet every 1,048,575 rows).
   */
  public long registrationsXlsx(Target target, boolean fullPhones, OutputStream out) {
    return stream(
        REGISTRATIONS,
        target,
        // Cells are text values, never formulas: nothing to neutralise.
        registration(target, fullPhones, false),
        new XlsxSink(REGISTRATION_COLUMNS, "registrations", out));
  }

  public long entriesCsv(Target target, OutputStream out) {
    return stream(
        ENTRIES,
        target,
        row ->
            java.util.Arrays.asList(
                time(row.getTimestamp(1), target.zone()),
                row.getString(2),
                row.getString(3),
                text(row.getString(4)),
                row.getInt(5),
                text(row.getString(6))),
        new CsvSink(ENTRY_COLUMNS, out));
  }

  private static RowReader registration(Target target, boolean fullPhones, boolean neutralise) {
    return row ->
        java.util.Arrays.asList(
            row.getString(1),
            time(row.getTimestamp(2), target.zone()),
            row.getString(3),
            row.getString(4).substring(0, 5),
            neutralise ? text(row.getString(5)) : row.getString(5),
            phone(row.getString(6), fullPhones),
            row.getInt(7),
            row.getString(8),
            row.getString(9),
            row.getString(10),
            time(row.getTimestamp(11), target.zone()));
  }

  /** One row of the cursor as the cells of a line. */
  private interface RowReader {
    List<Object> read(ResultSet row) throws SQLException;
  }

  /** Where the lines go: a CSV text or a workbook. */
  private interface Sink extends AutoCloseable {
    void line(List<Object> cells) throws IOException;

    @Override
    void close() throws IOException;
  }

  private static final class CsvSink implements Sink {
    private final CSVPrinter printer;

    CsvSink(List<String> header, OutputStream out) {
      try {
        var text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        text.write('\uFEFF'); // Excel reads UTF-8 (and Hindi) only with the byte-order mark
        printer =
            CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get().print(text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void line(List<Object> cells) throws IOException {
      printer.printRecord(cells);
    }

    @Override
    public void close() throws IOException {
      printer.close(true);
    }
  }

  /**
   * An XLSX workbook written as it goes (POI's SXSSF keeps a window of rows in memory and the rest
   * in a temporary file, which {@code dispose} deletes). Every cell is a value, never a formula.
   */
  private static final class XlsxSink implements Sink {
    private static final int MAX_ROWS = 1_048_576;
    private final SXSSFWorkbook workbook = new SXSSFWorkbook(200);
    private final List<String> header;
    private final String name;
    private final OutputStream out;
    private org.apache.poi.ss.usermodel.Sheet sheet;
    private int rowIndex;
    private int sheets;

    XlsxSink(List<String> header, String name, OutputStream out) {
      this.header = header;
      this.name = name;
      this.out = out;
      newSheet();
    }

    private void newSheet() {
      sheets++;
      sheet = workbook.createSheet(sheets == 1 ? name : name + " " + sheets);
      rowIndex = 0;
      var row = sheet.createRow(rowIndex++);
      for (int i = 0; i < header.size(); i++) {
        row.createCell(i).setCellValue(header.get(i));
      }
    }

    @Override
    public void line(List<Object> cells) {
      if (rowIndex == MAX_ROWS) {
        newSheet();
      }
      var row = sheet.createRow(rowIndex++);
      for (int i = 0; i < cells.size(); i++) {
        Object value = cells.get(i);
        if (value instanceof Number number) {
          row.createCell(i).setCellValue(number.doubleValue());
        } else if (value != null) {
          row.createCell(i).setCellValue(value.toString());
        }
      }
    }

    @Override
    public void close() throws IOException {
      try {
        workbook.write(out);
        out.flush();
      } finally {
        workbook.dispose();
        workbook.close();
      }
    }
  }

  private long stream(String sql, Target target, RowReader reader, Sink sink) {
    long rowsWritten = 0;
    try (Connection db = database.getConnection();
        Sink lines = sink) {
      db.setReadOnly(true);
      db.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
      // Named, so that an operator (and ExportIT) sees a running export in pg_stat_activity.
      String application = db.getClientInfo("ApplicationName");
      db.setClientInfo("ApplicationName", APPLICATION_NAME);
      try (PreparedStatement query = db.prepareStatement(sql)) {
        query.setFetchSize(FETCH);
        query.setObject(1, target.eventId());
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            lines.line(reader.read(rows));
            rowsWritten++;
          }
        }
      } finally {
        db.rollback();
        // The driver sets the name outside the transaction: set it back for the pool's next user.
        // A failure here must not hide the export's own.
        try {
          db.setClientInfo("ApplicationName", application == null ? "" : application);
        } catch (SQLException e) {
          java.util.logging.Logger.getLogger(Exports.class.getName())
              .log(java.util.logging.Level.FINE, "application name not restored", e);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      // The client went away: the cursor, the connection and the workbook are closed above.
      throw new UncheckedIOException(e);
    }
    return rowsWritten;
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
