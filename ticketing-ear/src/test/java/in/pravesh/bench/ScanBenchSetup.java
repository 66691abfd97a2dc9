package in.pravesh.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Prepares a scan benchmark against a running server: N tickets for today at the demo event, made
 * through the API (registrations by visitors whose tokens are signed with the development key, the
 * ticket MDB makes the tickets), and a volunteer token. Writes {@code tickets.csv} (one token a
 * line) and {@code scan-bench.properties} (volunteer token, gate ids) into the output directory for
 * the Gatling simulation ({@code src/bench/java}); with {@code verify} instead, prints how the
 * tickets of the last preparation were admitted.
 *
 * <p>Arguments: N (default 3000), the output directory (default target/scan-bench), [verify].
 */
public final class ScanBenchSetup {

  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    Path out = Path.of(args.length > 1 ? args[1] : "target/scan-bench");
    String base = System.getProperty("bench.base", "http://localhost:8080");
    String url = System.getProperty("bench.db.url", "jdbc:postgresql://localhost:5432/pravesh");
    if (args.length > 2 && args[2].equals("verify")) {
      verify(url, out);
      return;
    }
    PrivateKey signing =
        RegistrationBench.signingKey(
            Path.of(
                System.getProperty("bench.key", ".dev-data/server/data/pravesh/jwt-private.pem")));
    Files.createDirectories(out);
    UUID slot = UUID.randomUUID();
    List<String> visitors = new ArrayList<>();
    List<String> gates = new ArrayList<>();
    try (Connection db = DriverManager.getConnection(url, "pravesh", "pravesh")) {
      try (PreparedStatement insert =
          db.prepareStatement(
              "insert into slot (id, event_id, slot_date, starts_at, ends_at, capacity,"
                  + " walk_in_reserve) select ?, id, ?, '00:00', '23:59', ?, 0 from event"
                  + " where slug = 'demo-book-fair'")) {
        insert.setObject(1, slot);
        insert.setObject(2, LocalDate.now(ZoneId.of("Asia/Kolkata")));
        insert.setInt(3, total);
        insert.executeUpdate();
      }
      visitors.addAll(RegistrationBench.newVisitors(db, signing, total, "+9195"));
      try (ResultSet rows =
          db.createStatement()
              .executeQuery(
                  "select g.id from gate g join event e on e.id = g.event_id"
                      + " where e.slug = 'demo-book-fair' order by g.name")) {
        while (rows.next()) {
          gates.add(rows.getString(1));
        }
      }
    }

    RegistrationBench.register(base, slot, visitors, 32, 1);

    List<String> tokens = new ArrayList<>();
    try (Connection db = DriverManager.getConnection(url, "pravesh", "pravesh");
        PreparedStatement query =
            db.prepareStatement(
                "select t.token from ticket t join registration r on r.id = t.registration_id"
                    + " where r.slot_id = ?")) {
      query.setObject(1, slot);
      long deadline = System.nanoTime() + 600_000_000_000L;
      while (tokens.size() < visitors.size() && System.nanoTime() < deadline) {
        Thread.sleep(500);
        tokens.clear();
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            tokens.add(rows.getString(1));
          }
        }
      }
    }
    Files.write(out.resolve("tickets.csv"), tokens);
    String volunteer =
        RegistrationBench.token(
            signing, UUID.randomUUID(), "+919000000002", List.of("visitor", "volunteer"));
    Files.writeString(
        out.resolve("scan-bench.properties"),
        "slot=" + slot + "\nvolunteer=" + volunteer + "\ngates=" + String.join(",", gates) + "\n");
    System.out.printf("%d tickets for today ready in %s%n", tokens.size(), out);
  }

  /** How the prepared tickets fared: admissions (exactly one per ticket at most) and scans. */
  private static void verify(String url, Path out) throws Exception {
    String slot =
        Files.readAllLines(out.resolve("scan-bench.properties")).stream()
            .filter(line -> line.startsWith("slot="))
            .findFirst()
            .orElseThrow()
            .substring(5);
    try (Connection db = DriverManager.getConnection(url, "pravesh", "pravesh");
        PreparedStatement query =
            db.prepareStatement(
                "select (select count(*) from ticket t join registration r on r.id ="
                    + " t.registration_id where r.slot_id = ?::uuid),"
                    + " (select count(*) from admission a join ticket t on t.id = a.ticket_id"
                    + " join registration r on r.id = t.registration_id where r.slot_id ="
                    + " ?::uuid), (select string_agg(outcome || ' ' || decided_by || ': ' || n,"
                    + " ', ') from (select s.outcome, s.decided_by, count(*) n from scan s join"
                    + " ticket t on t.id = s.ticket_id join registration r on r.id ="
                    + " t.registration_id where r.slot_id = ?::uuid group by 1, 2 order by 1, 2)"
                    + " x)")) {
      query.setString(1, slot);
      query.setString(2, slot);
      query.setString(3, slot);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        System.out.printf(
            "tickets %d, admissions %d; scans recorded: %s%n",
            row.getInt(1), row.getInt(2), row.getString(3));
      }
    }
  }
}
