package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Streamed CSV exports: every row, BOM and Hindi intact, formulas neutralised, phones masked. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ExportIT {

  private static final int ROWS = 20_000;

  @Test
  void registrationsAreExportedRowByRowWithMaskedPhonesAndNoFormulas() throws Exception {
    String slug = AdminIT.slug();
    String eventId = AdminIT.createEvent(slug);
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Kolkata"));
    String slot =
        AdminIT.addSlot(eventId, AdminIT.slot(today, 1_000_000, 0))
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    try (Connection db = TestServer.database();
        PreparedStatement insert =
            db.prepareStatement(
                "insert into registration (id, slot_id, phone, name, party_size, channel, status,"
                    + " from_online, from_reserve, consent_at, consent_channel, created_at)"
                    + " select gen_random_uuid(), ?, '+9196' || lpad(i::text, 8, '0'),"
                    + " case i when 1 then '=HYPERLINK(\"http://x\")' when 2 then '+91 call me'"
                    + " else 'आशा देवी ' || i end, 1, 'WEB', 'PENDING', 1, 0, now(), 'WEB',"
                    + " now() + i * interval '1 millisecond' from generate_series(1, ?) i")) {
      insert.setObject(1, UUID.fromString(slot));
      insert.setInt(2, ROWS);
      insert.executeUpdate();
    }

    byte[] body =
        TestServer.api()
            .auth()
            .oauth2(Sessions.token(Sessions.ADMIN))
            .queryParam("event", slug)
            .get("/api/admin/exports/registrations.csv")
            .then()
            .statusCode(200)
            .contentType("text/csv; charset=UTF-8")
            .header(
                "Content-Disposition", "attachment; filename=\"" + slug + "-registrations.csv\"")
            .extract()
            .asByteArray();
    assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
    List<CSVRecord> records = parse(body);
    assertThat(records).hasSize(ROWS);
    assertThat(records.get(0).get("name")).isEqualTo("'=HYPERLINK(\"http://x\")");
    assertThat(records.get(1).get("name")).isEqualTo("'+91 call me");
    assertThat(records.get(2).get("name")).isEqualTo("आशा देवी 3");
    assertThat(records.get(ROWS - 1).get("name")).isEqualTo("आशा देवी " + ROWS);
    assertThat(records.get(0).get("phone")).isEqualTo("+91******0001");
    assertThat(records.get(0).get("date")).isEqualTo(today.toString());

    byte[] full =
        TestServer.api()
            .auth()
            .oauth2(Sessions.token(Sessions.ADMIN))
            .queryParam("event", slug)
            .queryParam("phones", "full")
            .get("/api/admin/exports/registrations.csv")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    assertThat(parse(full).get(0).get("phone")).isEqualTo("+919600000001");
    TestServer.api()
        .auth()
        .oauth2(Sessions.token(Sessions.ADMIN))
        .queryParam("action", "export.registrations")
        .get("/api/admin/audit")
        .then()
        .statusCode(200)
        .body("items.target", org.hamcrest.Matchers.hasItem(eventId))
        .body("items.detail", org.hamcrest.Matchers.hasItem("phones=full"));

    byte[] xlsx =
        TestServer.api()
            .auth()
            .oauth2(Sessions.token(Sessions.ADMIN))
            .queryParam("event", slug)
            .get("/api/admin/exports/registrations.xlsx")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    try (var workbook =
        new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
      var sheet = workbook.getSheetAt(0);
      assertThat(sheet.getLastRowNum()).isEqualTo(ROWS); // the header, then every row
      assertThat(sheet.getRow(0).getCell(4).getStringCellValue()).isEqualTo("name");
      var formula = sheet.getRow(1).getCell(4);
      assertThat(formula.getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
      assertThat(formula.getStringCellValue()).isEqualTo("=HYPERLINK(\"http://x\")");
      assertThat(sheet.getRow(3).getCell(4).getStringCellValue()).isEqualTo("आशा देवी 3");
      assertThat(sheet.getRow(1).getCell(5).getStringCellValue()).isEqualTo("+91******0001");
    }

    byte[] entries =
        TestServer.api()
            .auth()
            .oauth2(Sessions.token(Sessions.ADMIN))
            .queryParam("event", slug)
            .get("/api/admin/exports/entries.csv")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    assertThat(parse(entries)).isEmpty();
    TestServer.api()
        .auth()
        .oauth2(Sessions.token(Sessions.VOLUNTEER))
        .queryParam("event", slug)
        .get("/api/admin/exports/registrations.csv")
        .then()
        .statusCode(403);
  }

  private static List<CSVRecord> parse(byte[] body) throws Exception {
    String text = new String(body, StandardCharsets.UTF_8).substring(1); // the BOM
    return CSVFormat.DEFAULT
        .builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .get()
        .parse(new StringReader(text))
        .getRecords();
  }
}
