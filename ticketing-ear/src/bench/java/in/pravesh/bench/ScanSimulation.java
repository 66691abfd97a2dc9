package in.pravesh.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Scans at the gates under an open workload (Gatling): {@code scan.rate} new scans a second for
 * {@code scan.duration} seconds whatever the answers' speed, spread over the nodes of {@code
 * scan.base} (comma-separated) and the demo event's gates. The tickets of {@link ScanBenchSetup}
 * are scanned in turn and then again: first scans decide an admission (cache claim + database),
 * second ones are duplicates (answered from the cache).
 */
public class ScanSimulation extends Simulation {

  private static final Path DIR = Path.of(System.getProperty("scan.dir", "target/scan-bench"));
  private static final double RATE = Double.parseDouble(System.getProperty("scan.rate", "100"));
  private static final int SECONDS = Integer.getInteger("scan.duration", 30);
  private static final List<String> BASES =
      List.of(System.getProperty("scan.base", "http://localhost:8080").split(","));

  private final List<String> tokens = read("tickets.csv");
  private final Properties settings = properties();
  private final List<String> gates = List.of(settings.getProperty("gates").split(","));
  private final AtomicLong sequence = new AtomicLong();

  private final Iterator<Map<String, Object>> scans =
      Stream.generate(
              () -> {
                long n = sequence.getAndIncrement();
                return Map.<String, Object>of(
                    "token", tokens.get((int) (n % tokens.size())),
                    "gate", gates.get((int) (n % gates.size())),
                    "key", UUID.randomUUID().toString());
              })
          .iterator();

  private final HttpProtocolBuilder protocol =
      http.baseUrls(BASES)
          .shareConnections()
          .contentTypeHeader("application/json")
          .authorizationHeader("Bearer " + settings.getProperty("volunteer"));

  private final ScenarioBuilder scan =
      scenario("scan")
          .feed(scans)
          .exec(
              http("POST /api/scans")
                  .post("/api/scans")
                  .header("Idempotency-Key", "#{key}")
                  .body(StringBody("{\"token\":\"#{token}\",\"gateId\":\"#{gate}\"}"))
                  .check(status().is(200)));

  {
    setUp(scan.injectOpen(constantUsersPerSec(RATE).during(SECONDS))).protocols(protocol);
  }

  private static List<String> read(String name) {
    try {
      return Files.readAllLines(DIR.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException("Run ScanBenchSetup first", e);
    }
  }

  private static Properties properties() {
    Properties properties = new Properties();
    try (var in = Files.newInputStream(DIR.resolve("scan-bench.properties"))) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Run ScanBenchSetup first", e);
    }
    return properties;
  }
}
