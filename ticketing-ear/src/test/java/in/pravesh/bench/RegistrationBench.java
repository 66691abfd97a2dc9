package in.pravesh.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * Registrations accepted per second and tickets issued per second against a running development
 * server ({@code ./pravesh dev}). Visitors are made in the database and their tokens signed with
 * the development key (the OTP flow has per-address limits a load test would trip), then N
 * registrations are posted with C in flight; tickets are counted as the MDBs make them.
 *
 * <p>Run by {@code ./pravesh bench}; arguments: N (default 2000), C (default 32).
 */
public final class RegistrationBench {

  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    String base = System.getProperty("bench.base", "http://localhost:8080");
    String url = System.getProperty("bench.db.url", "jdbc:postgresql://localhost:5432/pravesh");
    Path key =
        Path.of(System.getProperty("bench.key", ".dev-data/server/data/pravesh/jwt-private.pem"));
    PrivateKey signing = signingKey(key);

    UUID slot = UUID.randomUUID();
    List<String> tokens = new ArrayList<>();
    try (Connection db = DriverManager.getConnection(url, "pravesh", "pravesh")) {
      try (PreparedStatement insert =
          db.prepareStatement(
              "insert into slot (id, event_id, slot_date, starts_at, ends_at, capacity,"
                  + " walk_in_reserve) select ?, id, starts_on + 2, '00:00', '23:59', ?, 0 from"
                  + " event where slug = 'demo-book-fair'")) {
        insert.setObject(1, slot);
        insert.setInt(2, total * 2);
        insert.executeUpdate();
      }
      tokens.addAll(newVisitors(db, signing, total, "+9196"));
    }

    long start = System.nanoTime();
    int accepted = register(base, slot, tokens, concurrency, 2);
    int other = tokens.size() - accepted;
    double acceptSeconds = (System.nanoTime() - start) / 1e9;

    int ticketed = 0;
    double ticketSeconds = 0;
    try (Connection db = DriverManager.getConnection(url, "pravesh", "pravesh");
        PreparedStatement count =
            db.prepareStatement(
                "select count(*) from registration where slot_id = ? and status = 'TICKETED'")) {
      count.setObject(1, slot);
      long deadline = System.nanoTime() + 300_000_000_000L;
      while (System.nanoTime() < deadline) {
        ResultSet row = count.executeQuery();
        row.next();
        ticketed = row.getInt(1);
        ticketSeconds = (System.nanoTime() - start) / 1e9;
        if (ticketed >= accepted) {
          break;
        }
        Thread.sleep(200);
      }
    }
    System.out.printf(
        "registrations: %d posted with %d in flight, %d accepted, %d other; %.1f s -> %.0f"
            + " registrations accepted/s%n",
        total, concurrency, accepted, other, acceptSeconds, accepted / acceptSeconds);
    System.out.printf(
        "tickets: %d issued %.1f s after the first request -> %.0f tickets issued/s (end to end,"
            + " including the ticket messages' jobs)%n",
        ticketed, ticketSeconds, ticketed / ticketSeconds);
  }

  /**
   * {@code n} visitors made in the database, with random phones after {@code phonePrefix}, as their
   * tokens. A random phone that exists already is left out, so there may be a few fewer.
   */
  static List<String> newVisitors(Connection db, PrivateKey signing, int n, String phonePrefix)
      throws Exception {
    List<String> tokens = new ArrayList<>();
    try (PreparedStatement person =
        db.prepareStatement(
            "insert into person (id, phone, created_at) values (?, ?, now())"
                + " on conflict (phone) do nothing")) {
      for (int i = 0; i < n; i++) {
        UUID id = UUID.randomUUID();
        String phone = phonePrefix + String.format("%08d", (int) (Math.random() * 100_000_000));
        person.setObject(1, id);
        person.setString(2, phone);
        person.addBatch();
        tokens.add(token(signing, id, phone));
      }
      int[] inserted = person.executeBatch();
      for (int i = inserted.length - 1; i >= 0; i--) {
        if (inserted[i] == 0) {
          tokens.remove(i);
        }
      }
    }
    return tokens;
  }

  /**
   * Posts one registration for the slot per visitor token, {@code concurrency} in flight.
   *
   * @return how many were accepted (202)
   */
  static int register(String base, UUID slot, List<String> visitors, int concurrency, int party)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Semaphore inFlight = new Semaphore(concurrency);
    AtomicInteger accepted = new AtomicInteger();
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (String visitor : visitors) {
      inFlight.acquire();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + "/api/registrations"))
              .header("Authorization", "Bearer " + visitor)
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"slotId\":\""
                          + slot
                          + "\",\"name\":\"Bench\",\"partySize\":"
                          + party
                          + ",\"consent\":true}"))
              .build();
      all.add(
          http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
              .whenComplete(
                  (response, error) -> {
                    inFlight.release();
                    if (error == null && response.statusCode() == 202) {
                      accepted.incrementAndGet();
                    }
                  }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    return accepted.get();
  }

  /** The development server's JWT signing key (PEM, PKCS#8). */
  static PrivateKey signingKey(Path pem) throws Exception {
    return KeyFactory.getInstance("RSA")
        .generatePrivate(
            new PKCS8EncodedKeySpec(
                Base64.getMimeDecoder()
                    .decode(Files.readString(pem).replaceAll("-----[A-Z ]+-----", ""))));
  }

  static String token(PrivateKey key, UUID subject, String phone) throws Exception {
    return token(key, subject, phone, List.of("visitor"));
  }

  /** A token as the server signs it, with the development key. */
  static String token(PrivateKey key, UUID subject, String phone, List<String> groups)
      throws Exception {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer("pravesh");
    claims.setAudience("pravesh-api");
    claims.setSubject(subject.toString());
    claims.setClaim("upn", subject.toString());
    claims.setClaim("phone", phone);
    claims.setStringListClaim("groups", groups);
    claims.setJwtId(UUID.randomUUID().toString());
    long now = Instant.now().getEpochSecond();
    claims.setIssuedAt(NumericDate.fromSeconds(now));
    claims.setExpirationTime(NumericDate.fromSeconds(now + 3600));
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(key);
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    return jws.getCompactSerialization();
  }
}
