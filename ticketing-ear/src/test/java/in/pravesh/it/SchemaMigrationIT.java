package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test database is created empty before every run (./pravesh test), so the deployed application
 * migrated a fresh database: every migration in db/migration is applied, in order, successfully,
 * and the tables the application uses exist.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SchemaMigrationIT {

  private static List<String> migrationVersions() throws IOException, URISyntaxException {
    URL folder = SchemaMigrationIT.class.getClassLoader().getResource("db/migration");
    assertThat(folder).as("db/migration on the test classpath").isNotNull();
    List<String> versions = new ArrayList<>();
    if (folder.getProtocol().equals("jar")) {
      String jar = folder.getPath().substring("file:".length(), folder.getPath().indexOf('!'));
      try (var zip = new java.util.zip.ZipFile(jar)) {
        zip.stream()
            .map(java.util.zip.ZipEntry::getName)
            .filter(name -> name.startsWith("db/migration/V") && name.endsWith(".sql"))
            .map(name -> name.substring("db/migration/V".length(), name.indexOf("__")))
            .forEach(versions::add);
      }
    } else {
      try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
        files
            .map(file -> file.getFileName().toString())
            .filter(name -> name.startsWith("V") && name.endsWith(".sql"))
            .map(name -> name.substring(1, name.indexOf("__")))
            .forEach(versions::add);
      }
    }
    versions.sort(java.util.Comparator.comparing(java.math.BigDecimal::new));
    return versions;
  }

  @Test
  void theFreshDatabaseWasMigratedToTheLatestVersion() throws Exception {
    List<String> expected = migrationVersions();
    assertThat(expected).isNotEmpty();

    List<String> applied = new ArrayList<>();
    try (Connection db = TestServer.database();
        Statement query = db.createStatement();
        ResultSet rows =
            query.executeQuery(
                "select version, success from flyway_schema_history"
                    + " where version is not null order by installed_rank")) {
      while (rows.next()) {
        assertThat(rows.getBoolean("success")).as("migration " + rows.getString(1)).isTrue();
        applied.add(rows.getString("version"));
      }
    }
    assertThat(applied).isEqualTo(expected);
  }

  @Test
  void theApplicationsTablesAndConstraintsExist() throws Exception {
    try (Connection db = TestServer.database();
        Statement query = db.createStatement();
        ResultSet rows =
            query.executeQuery(
                "select table_name from information_schema.tables where table_schema = 'public'")) {
      List<String> tables = new ArrayList<>();
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
      assertThat(tables).contains("event", "slot", "gate", "staff", "message");
    }
  }

  @Test
  void theDatabaseItselfRefusesAnOverbookedSlot() throws Exception {
    try (Connection db = TestServer.database();
        Statement update = db.createStatement()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  update.executeUpdate(
                      "update slot set online_taken = capacity - walk_in_reserve + 1"
                          + " where event_id = (select id from event where slug = 'demo-book-fair')"))
          .hasMessageContaining("slot_online_pool");
    }
  }
}
