package in.pravesh.bench;

import in.pravesh.ticket.domain.Ticket;
import in.pravesh.ticket.domain.TicketCodes;
import in.pravesh.ticket.domain.TicketKeyMaterial;
import in.pravesh.ticket.domain.TicketToken;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The load suite of {@code ./pravesh load} against a running server: baselines (a static file, a
 * trivial JAX-RS answer, an authenticated trivial GET, pgbench single-row inserts), then under an
 * open workload model (requests are sent at their arrival times whatever the answers' speed;
 * latency counts from the arrival time, so a server that falls behind shows it): (a) a registration
 * rush, (c) a ticket backlog drained, (b) a scan storm over 50 gates with 10 % repeats, (d) a mixed
 * day with dashboards open. Then the correctness counters read back from the database. Prints a
 * Markdown table and writes it with a JSON copy into the output directory.
 *
 * <p>Run by {@code ./pravesh load}, which starts the server it measures (its defaults below: the
 * load server and its own database, never the development one). System properties: {@code
 * load.base}, {@code load.management}, {@code load.db.url}, {@code load.key} (the server's JWT
 * private key, PEM), {@code load.out}, {@code load.rush.rates} (100,500), {@code load.scan.rates}
 * (500,2000), {@code load.seconds} (15 a phase), {@code load.backlog} (3000).
 */
public final class LoadSuite {

  private static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");
  private static final String BASE = System.getProperty("load.base", "http://localhost:8580");
  private static final String MANAGEMENT =
      System.getProperty("load.management", "http://localhost:10490");
  private static final String DB =
      System.getProperty("load.db.url", "jdbc:postgresql://localhost:5432/pravesh_load");
  private static final int MAX_IN_FLIGHT = 256;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http =
      HttpClient.newBuilder()
          // Many connections, as many devices make; HTTP/2 (the JDK's default, by h2c upgrade)
          // would carry every request over one connection, read by one of the server's IO threads.
          .version(HttpClient.Version.HTTP_1_1)
          .executor(Executors.newFixedThreadPool(4, LoadSuite::daemon))
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final List<Map<String, Object>> rows = new ArrayList<>();
  private final Map<String, Object> counters = new LinkedHashMap<>();
  private final AtomicLong maxHeap = new AtomicLong();

  /** Scans answered 200 in every phase: each must have its scan row. */
  private final AtomicLong scansAnswered = new AtomicLong();

  public static void main(String[] args) throws Exception {
    new LoadSuite().run();
    System.exit(0);
  }

  private void run() throws Exception {
    int[] rushRates = rates("load.rush.rates", "100,500");
    int[] scanRates = rates("load.scan.rates", "500,2000");
    int seconds = Integer.getInteger("load.seconds", 15);
    int backlog = Integer.getInteger("load.backlog", 3000);
    java.util.Set<String> phases =
        java.util.Set.of(
            System.getProperty("load.phases", "baselines,rush,backlog,scans,mixed").split(","));
    Path out = Path.of(System.getProperty("load.out", "target/load"));
    Files.createDirectories(out);
    PrivateKey jwt =
        RegistrationBench.signingKey(
            Path.of(System.getProperty("load.key", "target/load-server/keys/jwt-private.pem")));
    Thread heap = new Thread(this::watchHeap);
    heap.setDaemon(true);
    heap.start();

    Map<String, Object> settings = settings();
    Fixture fixture;
    try (Connection db = DriverManager.getConnection(DB, "pravesh", "pravesh")) {
      int visitors = java.util.Arrays.stream(rushRates).sum() * seconds + 10 * seconds + 500;
      fixture = Fixture.make(db, jwt, visitors);
    }
    String volunteer =
        RegistrationBench.token(
            jwt, UUID.randomUUID(), "+919000000002", List.of("visitor", "volunteer"));
    String admin =
        RegistrationBench.token(
            jwt, UUID.randomUUID(), "+919000000001", List.of("visitor", "volunteer", "admin"));
    String visitor = fixture.visitors.get(fixture.visitors.size() - 1);
    AtomicInteger next = new AtomicInteger();
    IntFunction<HttpRequest> register =
        i -> registration(fixture, fixture.visitors.get(next.getAndIncrement()));

    // Warm-up, not reported: the server's compilers and pools, and the event's first tickets
    // (which make its ticket key, which the scan storm's tickets are signed with).
    System.out.println("Warming up...");
    boolean quiet = reporting;
    reporting = false;
    for (String path :
        List.of("/", "/api/me", "/api/events", "/api/events/" + fixture.slug, "/openapi")) {
      wrk("warm-up", path, null, 4);
    }
    wrk("warm-up", "/api/me", visitor, 4);
    openLoad("warm-up registrations", 50, 6, register, 202);
    waitTicketed(fixture, Duration.ofMinutes(3));
    ConcurrentLinkedQueue<String> fresh;
    try (Connection db = DriverManager.getConnection(DB, "pravesh", "pravesh")) {
      int scans = java.util.Arrays.stream(scanRates).sum() * seconds + 100 * seconds + 2000;
      fresh = new ConcurrentLinkedQueue<>(fixture.mintTickets(db, (int) (scans * 0.9) + 100));
    }
    List<String> admitted = java.util.Collections.synchronizedList(new ArrayList<>());
    IntFunction<HttpRequest> scan = i -> scan(fixture, volunteer, fresh, admitted, i);
    openLoad("warm-up scans", 200, 6, scan, 200);
    reporting = quiet;

    // Baselines: the ceilings of the HTTP stack and of the database on this machine, this run.
    if (phases.contains("baselines")) {
      baselines(fixture, visitor);
    }

    // (a) The registration rush: every arrival a new visitor, one slot.
    for (int rate : phases.contains("rush") ? rushRates : new int[0]) {
      waitQuiet(fixture);
      rows.add(
          openLoad("(a) registration rush POST /api/registrations", rate, seconds, register, 202)
              .row(rate, 500, 200));
    }

    // (c) The ticket backlog: registrations waiting for their tickets, drained by the pipeline.
    if (phases.contains("backlog")) {
      waitQuiet(fixture);
      backlog(fixture, backlog);
    }

    // (b) The scan storm: 50 gates, every tenth scan a repeat of an admitted ticket.
    for (int rate : phases.contains("scans") ? scanRates : new int[0]) {
      waitQuiet(fixture);
      rows.add(
          openLoad(
                  "(b) scan storm POST /api/scans (50 gates, 10 % repeats)",
                  rate, seconds, scan, 200)
              .row(rate, 2000, 50));
    }

    // (d) A mixed day: dashboards open, registrations, scans and public reads at once.
    if (phases.contains("mixed")) {
      waitQuiet(fixture);
      mixedDay(fixture, admin, register, scan, seconds);
    }

    // Correctness, read back from the database once every job is done.
    waitQuiet(fixture);
    try (Connection db = DriverManager.getConnection(DB, "pravesh", "pravesh")) {
      fixture.correctness(db, counters);
      counters.put("scans answered 200", scansAnswered.get());
      counters.put(
          "scans answered but not recorded (must be 0)",
          Math.max(0, scansAnswered.get() - (long) counters.get("scan rows recorded")));
    }
    counters.put("server heap used, most seen during the run (MiB)", maxHeap.get() / (1024 * 1024));
    heap.interrupt();
    report(out, settings);
  }

  private void baselines(Fixture fixture, String visitor) throws Exception {
    wrk("baseline: static file GET /", "/", null, 8);
    wrk("baseline: trivial JAX-RS answer (GET /api/me, no token: 401)", "/api/me", null, 8);
    wrk("authenticated trivial GET /api/me (token verified)", "/api/me", visitor, 8);
    wrk("public read GET /api/events (memory snapshot)", "/api/events", null, 8);
    wrk("public read GET /api/events/{slug}", "/api/events/" + fixture.slug, null, 8);
    wrk("public read GET /openapi (YAML, from memory)", "/openapi", null, 8);
    pgbench();
  }

  private void backlog(Fixture fixture, int backlog) throws Exception {
    try (Connection db = DriverManager.getConnection(DB, "pravesh", "pravesh")) {
      long start = System.nanoTime();
      fixture.backlog(db, backlog);
      long drained = waitTicketed(fixture, Duration.ofMinutes(10));
      double secs = (System.nanoTime() - start) / 1e9;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", "(c) ticket backlog drained (" + backlog + " ticket jobs at once)");
      row.put("target", ">= 300/s");
      row.put("throughput", backlog / secs);
      row.put("note", fmt(secs) + " s to the last ticket (" + drained + " ticketed in the event)");
      rows.add(row);
      System.out.printf("ticket backlog: %.0f tickets/s%n", backlog / secs);
    }
  }

  private void mixedDay(
      Fixture fixture,
      String admin,
      IntFunction<HttpRequest> register,
      IntFunction<HttpRequest> scan,
      int seconds)
      throws Exception {
    AtomicBoolean dashboardsOpen = new AtomicBoolean(true);
    AtomicLong dashboardEvents = new AtomicLong();
    for (int d = 0; d < 10; d++) {
      dashboard(fixture, admin, dashboardsOpen, dashboardEvents);
    }
    Thread.sleep(1000);
    List<Phase> mixed = java.util.Collections.synchronizedList(new ArrayList<>());
    IntFunction<HttpRequest> read =
        i ->
            HttpRequest.newBuilder(
                    URI.create(BASE + (i % 2 == 0 ? "/api/events" : "/api/events/" + fixture.slug)))
                .timeout(TIMEOUT)
                .build();
    Thread[] threads = {
      new Thread(
          () -> mixed.add(openLoad("(d) mixed day: registrations", 10, seconds, register, 202))),
      new Thread(() -> mixed.add(openLoad("(d) mixed day: scans", 100, seconds, scan, 200))),
      new Thread(() -> mixed.add(openLoad("(d) mixed day: public reads", 200, seconds, read, 200)))
    };
    for (Thread t : threads) {
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    dashboardsOpen.set(false);
    for (Phase phase : mixed) {
      rows.add(phase.row(phase.rate, 0, 0));
    }
    counters.put(
        "dashboard stream events received (10 dashboards, mixed day)", dashboardEvents.get());
  }

  private boolean reporting = true;

  private static int[] rates(String property, String defaults) {
    return java.util.Arrays.stream(System.getProperty(property, defaults).split(","))
        .mapToInt(rate -> Integer.parseInt(rate.strip()))
        .toArray();
  }

  /**
   * Until every registration of the event is ticketed and its ticket message sent (at most 5 min):
   * a phase must not share the server with the jobs of the one before (a scan storm right after its
   * tickets were made spent an eighth of the server's CPU on their notifications).
   */
  private void waitQuiet(Fixture fixture) throws Exception {
    waitTicketed(fixture, Duration.ofMinutes(5));
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    try (Connection db = DriverManager.getConnection(DB, "pravesh", "pravesh");
        PreparedStatement query =
            db.prepareStatement(
                // The scan storm's tickets, minted straight into the database, have no message.
                "select count(*) from registration r join slot s on s.id = r.slot_id"
                    + " where s.event_id = ? and r.status = 'TICKETED' and r.name <> 'Scan'"
                    + " and not exists (select 1 from message m where m.registration_id = r.id"
                    + " and m.state <> 'QUEUED')")) {
      query.setObject(1, fixture.event);
      long unsent = -1;
      while (System.nanoTime() < deadline) {
        try (ResultSet row = query.executeQuery()) {
          row.next();
          unsent = row.getLong(1);
        }
        if (unsent == 0) {
          break;
        }
        Thread.sleep(500);
      }
      if (unsent != 0) {
        System.out.println("warning: " + unsent + " ticket messages still unsent after 5 min");
      }
    }
    Thread.sleep(1000); // the collector
  }

  // ---- requests ----

  private HttpRequest registration(Fixture fixture, String visitor) {
    return HttpRequest.newBuilder(URI.create(BASE + "/api/registrations"))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + visitor)
        .header("Content-Type", "application/json")
        .POST(
            HttpRequest.BodyPublishers.ofString(
                "{\"slotId\":\""
                    + fixture.slot
                    + "\",\"name\":\"Load\",\"partySize\":1,\"consent\":true}"))
        .build();
  }

  private HttpRequest scan(
      Fixture fixture,
      String volunteer,
      ConcurrentLinkedQueue<String> fresh,
      List<String> admitted,
      long i) {
    String token = null;
    if (i % 10 == 9 && !admitted.isEmpty()) {
      token = admitted.get(ThreadLocalRandom.current().nextInt(admitted.size()));
    }
    if (token == null) {
      token = fresh.poll();
      if (token == null) {
        token = admitted.get(ThreadLocalRandom.current().nextInt(admitted.size()));
      } else {
        admitted.add(token);
      }
    }
    String gate = fixture.gates.get((int) (i % fixture.gates.size()));
    return HttpRequest.newBuilder(URI.create(BASE + "/api/scans"))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + volunteer)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .POST(
            HttpRequest.BodyPublishers.ofString(
                "{\"token\":\"" + token + "\",\"gateId\":\"" + gate + "\"}"))
        .build();
  }

  private void dashboard(Fixture fixture, String admin, AtomicBoolean open, AtomicLong events) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(BASE + "/api/admin/stream?event=" + fixture.slug))
            .header("Authorization", "Bearer " + admin)
            .header("Accept", "text/event-stream")
            .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
        .thenAcceptAsync(
            response -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(response.body()))) {
                String line;
                while (open.get() && (line = reader.readLine()) != null) {
                  if (line.startsWith("event:")) {
                    events.incrementAndGet();
                  }
                }
              } catch (Exception e) {
                // closed
              }
            },
            // Its own thread: a stream's reader blocks, and must not hold the client's threads.
            Executors.newSingleThreadExecutor(LoadSuite::daemon));
  }

  /** The suite's own threads never keep it running after its main thread failed. */
  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task);
    thread.setDaemon(true);
    return thread;
  }

  // ---- the open workload ----

  /** One phase's answers. */
  private static final class Phase {
    final String name;
    final int rate;
    // Resizes itself: an overloaded phase has latencies of minutes.
    final Histogram latency = new ConcurrentHistogram(3);
    final AtomicInteger ok = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final Map<String, AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    double seconds;

    Phase(String name, int rate) {
      this.name = name;
      this.rate = rate;
    }

    Map<String, Object> row(int offered, int targetRate, int targetP99) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", name);
      row.put("offered", offered);
      row.put(
          "target", targetRate > 0 ? ">= " + targetRate + "/s, p99 < " + targetP99 + " ms" : "");
      row.put("throughput", ok.get() / seconds);
      row.put("p50", latency.getValueAtPercentile(50) / 1e6);
      row.put("p95", latency.getValueAtPercentile(95) / 1e6);
      row.put("p99", latency.getValueAtPercentile(99) / 1e6);
      row.put("max", latency.getMaxValue() / 1e6);
      int all = ok.get() + failed.get();
      row.put("errors", all == 0 ? 0.0 : 100.0 * failed.get() / all);
      row.put("note", "statuses " + new java.util.TreeMap<>(statuses));
      return row;
    }
  }

  /**
   * Sends {@code rate} requests a second for {@code seconds}, each at its arrival time (at most
   * {@link #MAX_IN_FLIGHT} open at once: past that, arrivals wait, and their wait counts in their
   * latency), and waits for every answer.
   */
  private Phase openLoad(
      String name, int rate, int seconds, IntFunction<HttpRequest> make, int expected) {
    Phase phase = new Phase(name, rate);
    System.out.printf("%s: %d/s for %d s...%n", name, rate, seconds);
    Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    long interval = 1_000_000_000L / rate;
    int total = rate * seconds;
    long start = System.nanoTime();
    AtomicLong lastAnswer = new AtomicLong(start);
    for (int i = 0; i < total; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      inFlight.acquireUninterruptibly();
      HttpRequest request;
      try {
        request = make.apply(i);
      } catch (RuntimeException e) {
        inFlight.release();
        phase.failed.incrementAndGet();
        continue;
      }
      http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, error) -> {
                try {
                  long now = System.nanoTime();
                  phase.latency.recordValue(Math.max(0, now - due));
                  lastAnswer.accumulateAndGet(now, Math::max);
                  String status =
                      error != null ? error.getClass().getSimpleName() : "" + response.statusCode();
                  phase
                      .statuses
                      .computeIfAbsent(status, s -> new AtomicInteger())
                      .incrementAndGet();
                  if (error == null && response.statusCode() == expected) {
                    phase.ok.incrementAndGet();
                  } else {
                    phase.failed.incrementAndGet();
                  }
                } finally {
                  inFlight.release();
                }
              });
    }
    inFlight.acquireUninterruptibly(MAX_IN_FLIGHT);
    phase.seconds = (lastAnswer.get() - start) / 1e9;
    System.out.printf(
        "%s: %d/s offered for %d s -> %.0f/s answered as expected, p99 %.0f ms, %d failed%n",
        name,
        rate,
        seconds,
        phase.ok.get() / phase.seconds,
        phase.latency.getValueAtPercentile(99) / 1e6,
        phase.failed.get());
    if (name.contains("scan")) {
      scansAnswered.addAndGet(phase.ok.get());
    }
    return phase;
  }

  // ---- baselines ----

  private void wrk(String name, String path, String token, int seconds) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of("wrk", "-t2", "-c50", "-d" + seconds + "s", "--latency", BASE + path));
    if (token != null) {
      command.addAll(List.of("-H", "Authorization: Bearer " + token));
    }
    String output = runProcess(command);
    if (!reporting) {
      return;
    }
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", name);
    row.put("target", name.startsWith("public") ? ">= 5000/s" : "(ceiling)");
    row.put("throughput", number(output, "Requests/sec:\\s+([0-9.]+)"));
    row.put("p50", wrkMillis(output, "50%"));
    row.put("p95", Double.NaN);
    row.put("p99", wrkMillis(output, "99%"));
    row.put("max", wrkMillis(output, "Max"));
    double requests = number(output, "([0-9]+) requests in");
    double bad = number(output, "Non-2xx or 3xx responses: ([0-9]+)");
    row.put("errors", path.equals("/api/me") && token == null ? 0.0 : 100 * bad / requests);
    row.put("note", "wrk -t2 -c50 -d8s (closed loop: the most it answers)");
    rows.add(row);
    System.out.printf("%s: %.0f/s%n", name, row.get("throughput"));
  }

  private void pgbench() throws Exception {
    Path script = Files.createTempFile("pgbench-insert", ".sql");
    Files.writeString(
        script, "insert into load_pgbench_insert (v) values ('a row of a load test');\n");
    try (Connection db = DriverManager.getConnection(DB, "pravesh", "pravesh");
        Statement statement = db.createStatement()) {
      statement.execute(
          "create table if not exists load_pgbench_insert"
              + " (id bigint generated always as identity primary key, v text)");
    }
    String database = DB.substring(DB.lastIndexOf('/') + 1);
    ProcessBuilder builder =
        new ProcessBuilder(
            "pgbench",
            "-n",
            "-c",
            "8",
            "-j",
            "2",
            "-T",
            "8",
            "-f",
            script.toString(),
            "-h",
            "localhost",
            "-U",
            "pravesh",
            database);
    builder.environment().put("PGPASSWORD", "pravesh");
    String output = runProcess(builder);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", "baseline: pgbench single-row inserts (8 clients, one commit each)");
    row.put("target", "(ceiling)");
    row.put("throughput", number(output, "tps = ([0-9.]+)"));
    row.put("p50", number(output, "latency average = ([0-9.]+) ms"));
    row.put("note", "p50 column: pgbench's average latency");
    rows.add(row);
    System.out.printf("pgbench inserts: %.0f/s%n", row.get("throughput"));
  }

  private static String runProcess(List<String> command) throws Exception {
    return runProcess(new ProcessBuilder(command));
  }

  private static String runProcess(ProcessBuilder builder) throws Exception {
    Process process = builder.redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    process.waitFor(60, TimeUnit.SECONDS);
    return output;
  }

  private static double number(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }

  private static double wrkMillis(String text, String label) {
    Matcher matcher =
        Pattern.compile(Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s)\\b").matcher(text);
    if (!matcher.find()) {
      return Double.NaN;
    }
    double value = Double.parseDouble(matcher.group(1));
    return switch (matcher.group(2)) {
      case "us" -> value / 1000;
      case "s" -> value * 1000;
      default -> value;
    };
  }

  // ---- server state ----

  private void watchHeap() {
    Pattern heap =
        Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\"[^}]*\\} ([0-9.eE+-]+)$");
    while (!Thread.currentThread().isInterrupted()) {
      try {
        String metrics =
            http.send(
                    HttpRequest.newBuilder(URI.create(MANAGEMENT + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher matcher = heap.matcher(metrics);
        long used = 0;
        while (matcher.find()) {
          used += (long) Double.parseDouble(matcher.group(1));
        }
        maxHeap.accumulateAndGet(used, Math::max);
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        LockSupport.parkNanos(1_000_000_000L);
      }
    }
  }

  private Map<String, Object> settings() throws Exception {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put(
        "machine",
        Runtime.getRuntime().availableProcessors() + " cores, load generator on the same machine");
    try (Connection db = DriverManager.getConnection(DB, "pravesh", "pravesh");
        ResultSet rows =
            db.createStatement()
                .executeQuery(
                    "select name, setting, coalesce(unit, '') from pg_settings where name in"
                        + " ('fsync', 'synchronous_commit', 'wal_sync_method', 'max_connections',"
                        + " 'shared_buffers', 'max_prepared_transactions', 'commit_delay')"
                        + " order by name")) {
      while (rows.next()) {
        settings.put("postgres " + rows.getString(1), rows.getString(2) + rows.getString(3));
      }
      ResultSet version = db.createStatement().executeQuery("show server_version");
      version.next();
      settings.put("postgres version", version.getString(1));
    }
    settings.put(
        "connection pool (PraveshDS, XA)",
        "max " + System.getenv().getOrDefault("TICKETING_DB_POOL_MAX", "40"));
    settings.put("ticket MDBs", "8 sessions (TicketJobs), NotificationJobs as configured");
    settings.put("durability", "fsync and synchronous_commit as above; jobs relayed in XA batches");
    return settings;
  }

  private long waitTicketed(Fixture fixture, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    try (Connection db = DriverManager.getConnection(DB, "pravesh", "pravesh");
        PreparedStatement query =
            db.prepareStatement(
                "select count(*) filter (where r.status = 'TICKETED'), count(*) from registration"
                    + " r join slot s on s.id = r.slot_id where s.event_id = ?")) {
      query.setObject(1, fixture.event);
      while (true) {
        try (ResultSet row = query.executeQuery()) {
          row.next();
          if (row.getLong(1) == row.getLong(2) || System.nanoTime() > deadline) {
            return row.getLong(1);
          }
        }
        Thread.sleep(200);
      }
    }
  }

  // ---- the report ----

  private void report(Path out, Map<String, Object> settings) throws Exception {
    StringBuilder md = new StringBuilder();
    md.append(
        "| path | target | offered/s | achieved/s | p50 ms | p95 ms | p99 ms | max ms | errors % | note |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (Map<String, Object> row : rows) {
      md.append("| ")
          .append(row.get("name"))
          .append(" | ")
          .append(row.getOrDefault("target", ""))
          .append(" | ")
          .append(row.containsKey("offered") ? row.get("offered") : "")
          .append(" | ")
          .append(fmt(row.get("throughput")))
          .append(" | ")
          .append(fmt(row.get("p50")))
          .append(" | ")
          .append(fmt(row.get("p95")))
          .append(" | ")
          .append(fmt(row.get("p99")))
          .append(" | ")
          .append(fmt(row.get("max")))
          .append(" | ")
          .append(fmt(row.get("errors")))
          .append(" | ")
          .append(row.getOrDefault("note", ""))
          .append(" |\n");
    }
    md.append("\n| correctness and resources | value |\n|---|---|\n");
    counters.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    md.append("\n| setting | value |\n|---|---|\n");
    settings.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    String stamp = java.time.LocalDateTime.now(ZONE).withNano(0).toString().replace(':', '-');
    Files.writeString(out.resolve("load-" + stamp + ".md"), md);
    Files.writeString(out.resolve("load-" + stamp + ".json"), json(settings));
    System.out.println();
    System.out.print(md);
    System.out.println("\nWritten: " + out.resolve("load-" + stamp + ".md") + " and .json");
  }

  private String json(Map<String, Object> settings) {
    StringBuilder json = new StringBuilder("{\"rows\":[");
    for (int i = 0; i < rows.size(); i++) {
      json.append(i == 0 ? "" : ",").append(jsonObject(rows.get(i)));
    }
    json.append("],\"correctness\":").append(jsonObject(counters));
    json.append(",\"settings\":").append(jsonObject(settings)).append("}\n");
    return json.toString();
  }

  private static String jsonObject(Map<String, Object> map) {
    StringBuilder json = new StringBuilder("{");
    map.forEach(
        (k, v) -> {
          if (json.length() > 1) {
            json.append(',');
          }
          json.append('"').append(escape(k)).append("\":");
          if (v instanceof Number n && !(v instanceof Double d && d.isNaN())) {
            json.append(n);
          } else if (v instanceof Double) {
            json.append("null");
          } else {
            json.append('"').append(escape(String.valueOf(v))).append('"');
          }
        });
    return json.append('}').toString();
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String fmt(Object value) {
    if (value instanceof Double d) {
      if (d.isNaN()) {
        return "";
      }
      return d >= 100
          ? String.format(Locale.ROOT, "%.0f", d)
          : String.format(Locale.ROOT, "%.1f", d);
    }
    return value == null ? "" : String.valueOf(value);
  }

  // ---- what the load runs on ----

  /** An event of the load run's own: a slot today, 50 gates, visitors with tokens. */
  private static final class Fixture {
    UUID event;
    UUID slot;
    UUID backlogSlot;
    String slug;
    final List<String> gates = new ArrayList<>();
    final List<String> visitors = new ArrayList<>();

    static Fixture make(Connection db, PrivateKey jwt, int visitors) throws Exception {
      Fixture fixture = new Fixture();
      fixture.event = UUID.randomUUID();
      fixture.slot = UUID.randomUUID();
      fixture.backlogSlot = UUID.randomUUID();
      fixture.slug = "load-" + System.currentTimeMillis();
      LocalDate today = LocalDate.now(ZONE);
      try (PreparedStatement event =
          db.prepareStatement(
              "insert into event (id, slug, name, venue, time_zone, starts_on, ends_on)"
                  + " values (?, ?, 'Load run', 'Loopback', 'Asia/Kolkata', ?, ?)")) {
        event.setObject(1, fixture.event);
        event.setString(2, fixture.slug);
        event.setObject(3, today.minusDays(1));
        event.setObject(4, today.plusDays(1));
        event.executeUpdate();
      }
      try (PreparedStatement slot =
          db.prepareStatement(
              "insert into slot (id, event_id, slot_date, starts_at, ends_at, capacity,"
                  + " walk_in_reserve) values (?, ?, ?, '00:00', '23:59', 1000000, 0)")) {
        for (UUID id : List.of(fixture.slot, fixture.backlogSlot)) {
          slot.setObject(1, id);
          slot.setObject(2, fixture.event);
          slot.setObject(3, today);
          slot.executeUpdate();
        }
      }
      try (PreparedStatement gate =
          db.prepareStatement("insert into gate (id, event_id, name) values (?, ?, ?)")) {
        for (int g = 1; g <= 50; g++) {
          UUID id = UUID.randomUUID();
          gate.setObject(1, id);
          gate.setObject(2, fixture.event);
          gate.setString(3, "Gate " + g);
          gate.addBatch();
          fixture.gates.add(id.toString());
        }
        gate.executeBatch();
      }
      fixture.visitors.addAll(RegistrationBench.newVisitors(db, jwt, visitors, "+9197"));
      return fixture;
    }

    /** {@code n} registrations with their ticket jobs, committed at once as a rush leaves them. */
    void backlog(Connection db, int n) throws Exception {
      db.setAutoCommit(false);
      try (PreparedStatement registration =
              db.prepareStatement(registrationInsert("Backlog", "PENDING"));
          PreparedStatement job =
              db.prepareStatement(
                  "insert into job_outbox (id, queue, job_id, body, properties, priority,"
                      + " created_at) values (nextval('job_outbox_seq'), 'tickets', ?, ?,"
                      // Jobs that have waited: the relay's sweep takes them at once.
                      + " '{\"kind\":\"ticket.issue\"}', 4, now() - interval '10 seconds')")) {
        for (int i = 0; i < n; i++) {
          UUID id = UUID.randomUUID();
          registration.setObject(1, id);
          registration.setObject(2, backlogSlot);
          registration.setString(3, "+9198" + String.format("%08d", i));
          registration.addBatch();
          job.setString(1, UUID.randomUUID().toString());
          job.setString(2, id.toString());
          job.addBatch();
        }
        registration.executeBatch();
        job.executeBatch();
        takeSeats(db, n);
      }
      db.commit();
      db.setAutoCommit(true);
    }

    /**
     * {@code n} more tickets for today, minted as the server mints them (the event's ticket key,
     * decrypted with the development secret), for the scan storm: registrations and tickets written
     * straight to the database.
     */
    List<String> mintTickets(Connection db, int n) throws Exception {
      String kid;
      PrivateKey key;
      try (PreparedStatement query =
          db.prepareStatement(
              "select kid, private_key_encrypted from ticket_key where event_id = ?"
                  + " and retired_at is null order by valid_from desc limit 1")) {
        query.setObject(1, event);
        ResultSet row = query.executeQuery();
        if (!row.next()) {
          throw new IllegalStateException("the event has no ticket key: no ticket was issued");
        }
        kid = row.getString(1);
        key =
            new TicketKeyMaterial(
                    System.getProperty("load.ticket-key-secret", "dev-ticket-key-secret"))
                .decrypt(row.getBytes(2));
      }
      LocalDate today = LocalDate.now(ZONE);
      List<String> tokens = new ArrayList<>();
      db.setAutoCommit(false);
      try (PreparedStatement registration =
              db.prepareStatement(registrationInsert("Scan", "TICKETED"));
          PreparedStatement ticket =
              db.prepareStatement(
                  "insert into ticket (id, registration_id, event_id, code, token, kid,"
                      + " ticket_date, party_size, issued_at) values (?, ?, ?, ?, ?, ?, ?, 1,"
                      + " now())")) {
        for (int i = 0; i < n; i++) {
          UUID id = UUID.randomUUID();
          String ticketId = Ticket.newId();
          String token = new TicketToken(ticketId, event, today, 1, kid).sign(key);
          registration.setObject(1, id);
          registration.setObject(2, backlogSlot);
          registration.setString(3, "+9199" + String.format("%08d", i));
          registration.addBatch();
          ticket.setString(1, ticketId);
          ticket.setObject(2, id);
          ticket.setObject(3, event);
          ticket.setString(4, TicketCodes.next());
          ticket.setString(5, token);
          ticket.setString(6, kid);
          ticket.setObject(7, today);
          ticket.addBatch();
          tokens.add(token);
          if (i % 1000 == 999) {
            registration.executeBatch();
            ticket.executeBatch();
          }
        }
        registration.executeBatch();
        ticket.executeBatch();
        takeSeats(db, n);
      }
      db.commit();
      db.setAutoCommit(true);
      return tokens;
    }

    /** A batch insert of one-seat web registrations in the backlog slot: id, slot, phone. */
    private static String registrationInsert(String name, String status) {
      return "insert into registration (id, slot_id, phone, name, party_size, channel, status,"
          + " from_online, from_reserve, consent_at, consent_channel, created_at) values (?, ?, ?, '"
          + name
          + "', 1, 'WEB', '"
          + status
          + "', 1, 0, now(), 'WEB', now())";
    }

    /** The seats of {@code n} one-seat registrations written straight to the backlog slot. */
    private void takeSeats(Connection db, int n) throws Exception {
      try (PreparedStatement seats =
          db.prepareStatement("update slot set online_taken = online_taken + ? where id = ?")) {
        seats.setInt(1, n);
        seats.setObject(2, backlogSlot);
        seats.executeUpdate();
      }
    }

    /** Double admissions, lost jobs and seats against registrations, for this event. */
    void correctness(Connection db, Map<String, Object> counters) throws Exception {
      counters.put(
          "tickets admitted twice (must be 0)",
          single(
              db,
              "select count(*) from (select ticket_id from scan where event_id = ? and outcome"
                  + " = 'ADMITTED' group by ticket_id having count(*) > 1) twice"));
      counters.put(
          "admissions recorded", single(db, "select count(*) from admission where event_id = ?"));
      counters.put(
          "scan rows recorded", single(db, "select count(*) from scan where event_id = ?"));
      counters.put(
          "registrations without a ticket, jobs lost (must be 0)",
          single(
              db,
              "select count(*) from registration r join slot s on s.id = r.slot_id where"
                  + " s.event_id = ? and r.status <> 'TICKETED'"));
      counters.put(
          "jobs still in the outbox",
          single(db, "select count(*) from job_outbox where ? is not null"));
      counters.put(
          "registrations accepted (active, all slots of the event)",
          single(
              db,
              "select count(*) from registration r join slot s on s.id = r.slot_id where"
                  + " s.event_id = ? and r.status <> 'CANCELLED'"));
      counters.put(
          "slots whose seats taken differ from their registrations' (must be 0)",
          single(
              db,
              "select count(*) from slot s where s.event_id = ? and s.online_taken +"
                  + " s.reserve_taken <> (select coalesce(sum(party_size), 0) from registration r"
                  + " where r.slot_id = s.id and r.status <> 'CANCELLED')"));
    }

    private long single(Connection db, String sql) throws Exception {
      try (PreparedStatement query = db.prepareStatement(sql)) {
        query.setObject(1, event);
        ResultSet row = query.executeQuery();
        row.next();
        return row.getLong(1);
      }
    }
  }
}
