package in.pravesh.bench;

import in.pravesh.analytics.application.Exports;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Exports measured outside the server: the production export code ({@link Exports}) streaming an
 * event's rows from PostgreSQL into a byte counter, in a JVM of its own whose heap is as small as
 * the caller chooses ({@code -Xmx64m}): it finishes only if memory stays constant.
 *
 * <p>{@code ExportBench seed <url> <user> <password> <rows>} makes an event with that many
 * registrations, tickets and admissions and prints its id; {@code ExportBench run <url> <user>
 * <password> <eventId> registrations.csv|registrations.xlsx|entries.csv} exports and prints {@code
 * rows=… bytes=… seconds=… rowsPerSecond=… heapMax=… heapPeakAfterGc=…} (MB). {@link #measure} runs
 * the latter in a small-heap JVM.
 */
public final class ExportBench {

  private ExportBench() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "seed" ->
          System.out.println(
              seed(
                  DriverManager.getConnection(args[1], args[2], args[3]),
                  Integer.parseInt(args[4])));
      case "run" -> run(args[1], args[2], args[3], UUID.fromString(args[4]), args[5]);
      case "measure" -> {
        // ExportBench measure <url> <user> <password> <rows> <heap>: the schema (Flyway, the
        // application's migrations), the rows, then each export.
        org.flywaydb.core.Flyway.configure(ExportBench.class.getClassLoader())
            .dataSource(args[1], args[2], args[3])
            .locations("classpath:db/migration")
            .load()
            .migrate();
        UUID event;
        try (Connection db = DriverManager.getConnection(args[1], args[2], args[3])) {
          long started = System.nanoTime();
          event = seed(db, Integer.parseInt(args[4]));
          System.out.printf(
              "seeded %s rows in %.0f s%n", args[4], (System.nanoTime() - started) / 1e9);
        }
        for (String kind : List.of("registrations.csv", "registrations.xlsx", "entries.csv")) {
          System.out.println(
              kind
                  + " (-Xmx"
                  + args[5]
                  + "): "
                  + measure(args[1], args[2], args[3], event, kind, args[5]));
        }
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  /**
   * Runs one export in a new JVM with heap {@code heap} (like "64m"); returns its report line.
   * Fails if the JVM fails (an OutOfMemoryError is a failure).
   */
  public static String measure(
      String url, String user, String password, UUID event, String kind, String heap)
      throws IOException, InterruptedException {
    String classPath = classPath();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            java.toString(),
            "-Xmx" + heap,
            "-XX:+ExitOnOutOfMemoryError",
            "-cp",
            classPath,
            ExportBench.class.getName(),
            "run",
            url,
            user,
            password,
            event.toString(),
            kind));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    int exit = process.waitFor();
    String report =
        output.lines().filter(line -> line.startsWith("rows=")).reduce((a, b) -> b).orElse(null);
    if (exit != 0 || report == null) {
      throw new IllegalStateException(
          "export in -Xmx" + heap + " failed (" + exit + "):\n" + output);
    }
    return report;
  }

  /** The caller's class path: the test's (failsafe), or exec:java's class loader's. */
  private static String classPath() {
    String tests = System.getProperty("surefire.test.class.path");
    if (tests != null) {
      return tests;
    }
    if (Thread.currentThread().getContextClassLoader() instanceof java.net.URLClassLoader urls) {
      List<String> paths = new ArrayList<>();
      for (var url : urls.getURLs()) {
        try {
          paths.add(Path.of(url.toURI()).toString());
        } catch (java.net.URISyntaxException e) {
          throw new IllegalStateException(e);
        }
      }
      return String.join(java.io.File.pathSeparator, paths);
    }
    return System.getProperty("java.class.path");
  }

  private static void run(String url, String user, String password, UUID event, String kind)
      throws Exception {
    PGSimpleDataSource database = new PGSimpleDataSource();
    database.setUrl(url);
    database.setUser(user);
    database.setPassword(password);
    Exports exports = new Exports();
    var field = Exports.class.getDeclaredField("database");
    field.setAccessible(true);
    field.set(exports, database);
    var target = new Exports.Target(event, ZoneId.of("Asia/Kolkata"));
    var out = new Counting();
    System.gc();
    long started = System.nanoTime();
    long rows =
        switch (kind) {
          case "registrations.csv" -> exports.registrationsCsv(target, false, out);
          case "registrations.xlsx" -> exports.registrationsXlsx(target, false, out);
          case "entries.csv" -> exports.entriesCsv(target, out);
          default -> throw new IllegalArgumentException(kind);
        };
    double seconds = (System.nanoTime() - started) / 1e9;
    if (kind.endsWith(".csv") && out.lines != rows + 1) {
      throw new IllegalStateException(out.lines + " lines for " + rows + " rows and a header");
    }
    long peakAfterGc = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
        peakAfterGc += pool.getCollectionUsage().getUsed();
      }
    }
    System.out.printf(
        "rows=%d bytes=%d seconds=%.1f rowsPerSecond=%.0f heapMaxMb=%d heapAfterLastGcMb=%.1f%n",
        rows,
        out.bytes,
        seconds,
        rows / seconds,
        Runtime.getRuntime().maxMemory() / (1024 * 1024),
        peakAfterGc / (1024.0 * 1024));
  }

  /**
   * An event with {@code rows} registrations (Hindi names, a formula among them), each ticketed and
   * admitted at one gate; returns the event's id.
   */
  public static UUID seed(Connection db, int rows) throws SQLException {
    UUID event = UUID.randomUUID();
    UUID slot = UUID.randomUUID();
    UUID gate = UUID.randomUUID();
    String kid = UUID.randomUUID().toString().substring(0, 8);
    db.setAutoCommit(false);
    try (var statement = db.createStatement()) {
      statement.execute(
          "insert into event (id, slug, name, venue, time_zone, starts_on, ends_on,"
              + " registration_open) values ('"
              + event
              + "', 'export-"
              + event.toString().substring(0, 8)
              + "', 'Export fair', 'Pragati Maidan', 'Asia/Kolkata', (now() at time zone 'Asia/Kolkata')::date, (now() at time zone 'Asia/Kolkata')::date,"
              + " true)");
      statement.execute(
          "insert into slot (id, event_id, slot_date, starts_at, ends_at, capacity,"
              + " walk_in_reserve, online_taken, reserve_taken) values ('"
              + slot
              + "', '"
              + event
              + "', (now() at time zone 'Asia/Kolkata')::date, '10:00', '18:00', 10000000, 0, 0, 0)");
      statement.execute(
          "insert into gate (id, event_id, name) values ('"
              + gate
              + "', '"
              + event
              + "', 'गेट 1 (Main)')");
      statement.execute(
          "insert into ticket_key (kid, event_id, public_key, private_key_encrypted, valid_from)"
              + " values ('"
              + kid
              + "', '"
              + event
              + "', '\\x00', '\\x00', now())");
    }
    try (PreparedStatement registrations =
            db.prepareStatement(
                "insert into registration (id, slot_id, phone, name, party_size, channel, status,"
                    + " from_online, from_reserve, consent_at, consent_channel, created_at)"
                    + " select gen_random_uuid(), ?, '+9196' || lpad(i::text, 8, '0'),"
                    + " case i when 1 then '=HYPERLINK(\"http://x\")' when 2 then '+91 call me'"
                    + " else 'आशा देवी ' || i end, 1, 'WEB', 'TICKETED', 1, 0, now(), 'WEB',"
                    + " now() + i * interval '1 millisecond' from generate_series(1, ?) i");
        PreparedStatement tickets =
            db.prepareStatement(
                "insert into ticket (id, registration_id, event_id, code, token, kid, ticket_date,"
                    + " party_size, issued_at) select substr(md5(r.id::text), 1, 12), r.id, ?,"
                    + " upper(substr(lpad(to_hex(r.n), 8, '0'), 1, 4) || '-'"
                    + " || substr(lpad(to_hex(r.n), 8, '0'), 5, 4)), 'token', ?, (now() at time zone 'Asia/Kolkata')::date, 1,"
                    + " now() from (select id, row_number() over () n from registration"
                    + " where slot_id = ?) r");
        PreparedStatement admissions =
            db.prepareStatement(
                "insert into admission (ticket_id, admitted_on, event_id, gate_id, party_size,"
                    + " admitted_at, volunteer_id) select t.id, (now() at time zone 'Asia/Kolkata')::date, t.event_id, ?, 1,"
                    + " r.created_at + interval '1 hour', gen_random_uuid() from ticket t"
                    + " join registration r on r.id = t.registration_id where t.event_id = ?")) {
      registrations.setObject(1, slot);
      registrations.setInt(2, rows);
      registrations.executeUpdate();
      tickets.setObject(1, event);
      tickets.setString(2, kid);
      tickets.setObject(3, slot);
      tickets.executeUpdate();
      admissions.setObject(1, gate);
      admissions.setObject(2, event);
      admissions.executeUpdate();
    }
    db.commit();
    db.setAutoCommit(true);
    return event;
  }

  /** Counts what it is given and keeps nothing. */
  private static final class Counting extends OutputStream {
    long bytes;
    long lines;

    @Override
    public void write(int b) {
      bytes++;
      lines += b == '\n' ? 1 : 0;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
      for (int i = off; i < off + len; i++) {
        lines += b[i] == '\n' ? 1 : 0;
      }
    }
  }
}
