package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import in.pravesh.bench.ExportBench;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Streamed exports of 100,000 registrations and entries: every row, BOM and Hindi intact, formulas
 * neutralised, phones masked; constant memory (the same export code in a JVM with a 64 MB heap); a
 * client that goes away frees the export's database connection.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ExportIT {

  private static final int ROWS = 100_000;
  private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Kolkata"));
  private static UUID event;
  private static String slug;

  @BeforeAll
  static void seed() throws Exception {
    try (Connection db = TestServer.database()) {
      event = ExportBench.seed(db, ROWS);
      try (ResultSet row =
          db.createStatement().executeQuery("select slug from event where id = '" + event + "'")) {
        row.next();
        slug = row.getString(1);
      }
    }
  }

  private static byte[] export(String path, String phones) {
    var request =
        TestServer.api().auth().oauth2(Sessions.token(Sessions.ADMIN)).queryParam("event", slug);
    if (phones != null) {
      request.queryParam("phones", phones);
    }
    return request.get(path).then().statusCode(200).extract().asByteArray();
  }

  @Test
  void registrationsAreExportedRowByRowWithMaskedPhonesAndNoFormulas() throws Exception {
    TestServer.api()
        .auth()
        .oauth2(Sessions.token(Sessions.ADMIN))
        .queryParam("event", slug)
        .get("/api/admin/exports/registrations.csv")
        .then()
        .statusCode(200)
        .contentType("text/csv; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"" + slug + "-registrations.csv\"");
    byte[] body = export("/api/admin/exports/registrations.csv", null);
    assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
    List<CSVRecord> records = parse(body);
    assertThat(records).hasSize(ROWS);
    assertThat(records.stream().map(r -> r.get("registrationId")).distinct()).hasSize(ROWS);
    assertThat(records.get(0).get("name")).isEqualTo("'=HYPERLINK(\"http://x\")");
    assertThat(records.get(1).get("name")).isEqualTo("'+91 call me");
    assertThat(records.get(2).get("name")).isEqualTo("आशा देवी 3");
    assertThat(records.get(ROWS - 1).get("name")).isEqualTo("आशा देवी " + ROWS);
    assertThat(records.get(0).get("phone")).isEqualTo("+91******0001");
    assertThat(records.get(0).get("date")).isEqualTo(TODAY.toString());
    assertThat(records.get(0).get("ticketCode")).matches("[0-9A-F]{4}-[0-9A-F]{4}");

    assertThat(parse(export("/api/admin/exports/registrations.csv", "full")).get(0).get("phone"))
        .isEqualTo("+919600000001");
    TestServer.api()
        .auth()
        .oauth2(Sessions.token(Sessions.ADMIN))
        .queryParam("action", "export.registrations")
        .get("/api/admin/audit")
        .then()
        .statusCode(200)
        .body("items.target", org.hamcrest.Matchers.hasItem(event.toString()))
        .body("items.detail", org.hamcrest.Matchers.hasItem("phones=full"));
    TestServer.api()
        .auth()
        .oauth2(Sessions.token(Sessions.VOLUNTEER))
        .queryParam("event", slug)
        .get("/api/admin/exports/registrations.csv")
        .then()
        .statusCode(403);
  }

  @Test
  void theWorkbookHasEveryRowAsTextCells() throws Exception {
    byte[] xlsx = export("/api/admin/exports/registrations.xlsx", null);
    try (var workbook =
        new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
      var sheet = workbook.getSheetAt(0);
      assertThat(sheet.getLastRowNum()).isEqualTo(ROWS); // the header, then every row
      assertThat(sheet.getRow(0).getCell(4).getStringCellValue()).isEqualTo("name");
      var formula = sheet.getRow(1).getCell(4);
      assertThat(formula.getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
      assertThat(formula.getStringCellValue()).isEqualTo("=HYPERLINK(\"http://x\")");
      assertThat(sheet.getRow(3).getCell(4).getStringCellValue()).isEqualTo("आशा देवी 3");
      assertThat(sheet.getRow(ROWS).getCell(4).getStringCellValue()).isEqualTo("आशा देवी " + ROWS);
      assertThat(sheet.getRow(1).getCell(5).getStringCellValue()).isEqualTo("+91******0001");
    }
  }

  @Test
  void entriesAreExportedWithTheirGate() throws Exception {
    List<CSVRecord> entries = parse(export("/api/admin/exports/entries.csv", null));
    assertThat(entries).hasSize(ROWS);
    assertThat(entries.stream().map(r -> r.get("ticketCode")).distinct()).hasSize(ROWS);
    assertThat(entries.get(0).get("gate")).isEqualTo("गेट 1 (Main)");
    assertThat(entries.get(0).get("name")).isEqualTo("'=HYPERLINK(\"http://x\")");
    assertThat(entries.get(0).get("date")).isEqualTo(TODAY.toString());
  }

  @Test
  void eachExportRunsInA64MegabyteHeap() throws Exception {
    for (String kind : List.of("registrations.csv", "registrations.xlsx", "entries.csv")) {
      String report =
          ExportBench.measure(
              System.getProperty("it.db.url"),
              System.getProperty("it.db.user"),
              System.getProperty("it.db.password"),
              event,
              kind,
              "64m");
      System.out.println("ExportIT: " + kind + " in -Xmx64m: " + report);
      assertThat(report).startsWith("rows=" + ROWS + " ");
    }
  }

  @Test
  void aClientThatGoesAwayFreesTheExportsConnection() throws Exception {
    HttpResponse<InputStream> csv =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            TestServer.HTTP + "/api/admin/exports/registrations.csv?event=" + slug))
                    .header("Authorization", "Bearer " + Sessions.token(Sessions.ADMIN))
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    assertThat(csv.statusCode()).isEqualTo(200);
    InputStream text = csv.body();
    assertThat(text.readNBytes(64 * 1024)).hasSize(64 * 1024);
    assertThat(exportConnections()).as("the export holds its cursor").isEqualTo(1);
    text.close();
    long deadline = System.currentTimeMillis() + 15_000;
    while (exportConnections() > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertThat(exportConnections()).as("connections still exporting").isZero();
  }

  /** Connections of running exports (they name themselves), as PostgreSQL sees them. */
  private static int exportConnections() throws Exception {
    try (Connection db = TestServer.database();
        ResultSet row =
            db.createStatement()
                .executeQuery(
                    "select count(*) from pg_stat_activity where application_name ="
                        + " 'pravesh-export' and datname = current_database()")) {
      row.next();
      return row.getInt(1);
    }
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
