package in.pravesh.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Many scans at once against one or more nodes, as gate scanners send them: one Idempotency-Key per
 * physical scan, a scan whose node does not answer is sent again, with the same key, to the
 * fallback node, and one answered 503 try-again (amber) is sent again to the same node a moment
 * later. Only the last answer to an amber scan is kept; {@link #tryAgains()} counts them.
 */
final class ScanStorm {

  /** One physical scan: which node it goes to first, the ticket, its key. */
  record Shot(int node, String baseUri, Tickets.Issued ticket, String key) {}

  /** What came back: from which node, when it was sent ({@code System.nanoTime()}), how long. */
  record Result(
      Shot shot,
      int answeredBy,
      long sentAtNanos,
      long latencyMillis,
      int status,
      String outcome,
      String error) {}

  // Not a JSON parser: the load generator shares the two cores with the nodes it measures.
  private static final Pattern OUTCOME = Pattern.compile("\"outcome\":\"([A-Z_]+)\"");

  private final HttpClient http =
      HttpClient.newBuilder()
          // One connection per request in flight, as many phones are; not h2c's single one.
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private static final int TRY_AGAIN_LIMIT = 6;

  private final AtomicInteger tryAgains = new AtomicInteger();
  private final AtomicInteger resends = new AtomicInteger();
  private final java.util.Queue<Long> unavailable =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final String volunteer;
  private final UUID gate;

  ScanStorm(String volunteer, UUID gate) {
    this.volunteer = volunteer;
    this.gate = gate;
  }

  /**
   * Sends every shot, {@code perSecond} a second on a fixed schedule (an open model: a slow answer
   * does not delay the next scan), or as fast as {@code threads} allow when {@code perSecond} is 0.
   * A shot whose node fails to answer is retried once at {@code fallbackNode} (if not 0).
   */
  List<Result> fire(List<Shot> shots, int threads, double perSecond, int fallbackNode)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    List<Future<List<Result>>> futures = new ArrayList<>();
    for (int i = 0; i < shots.size(); i++) {
      Shot shot = shots.get(i);
      long due = perSecond > 0 ? start + (long) (i * 1e9 / perSecond) : start;
      futures.add(
          pool.submit(
              () -> {
                LockSupport.parkNanos(due - System.nanoTime());
                List<Result> results = new ArrayList<>();
                Result first = send(shot, shot.node(), shot.baseUri());
                results.add(first);
                if (first.status() == 0 && fallbackNode != 0) {
                  results.add(send(shot, fallbackNode, ClusterFixture.http(fallbackNode)));
                }
                // Amber: the scanner tries again, with the same key, at the node that answered.
                Result last = results.get(results.size() - 1);
                for (int again = 0; again < TRY_AGAIN_LIMIT && isTryAgain(last); again++) {
                  tryAgains.incrementAndGet();
                  Thread.sleep(500);
                  String baseUri =
                      last.answeredBy() == shot.node()
                          ? shot.baseUri()
                          : ClusterFixture.http(last.answeredBy());
                  last = send(shot, last.answeredBy(), baseUri);
                  results.set(results.size() - 1, last);
                }
                return results;
              }));
    }
    List<Result> results = new ArrayList<>();
    for (Future<List<Result>> future : futures) {
      results.addAll(future.get());
    }
    pool.shutdown();
    return results;
  }

  /**
   * Scans through one address (the balancer) as the scanner app does ({@code
   * frontend/src/scanner/client.ts}): each physical scan has its own key; no answer within 6 s, or
   * a 500, 502 or 504, is sent again with the same key after 300 ms × attempt, three attempts in
   * all; an answer of 503 is amber, and the volunteer scans again (the same key, half a second
   * later, up to six times). Scans go out {@code perSecond} a second, ticket after ticket round the
   * list (each ticket's first scan admits it, the later ones meet ALREADY_ADMITTED), until {@code
   * running} says stop. One result per physical scan: its last answer, with {@code sentAtNanos} of
   * its first send and {@code latencyMillis} of its first attempt alone (0 status: never answered).
   */
  List<Result> fireUntil(
      String baseUri,
      List<Tickets.Issued> tickets,
      int threads,
      double perSecond,
      java.util.function.BooleanSupplier running)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    List<Future<Result>> futures = new ArrayList<>();
    for (int i = 0; running.getAsBoolean(); i++) {
      Shot shot = new Shot(0, baseUri, tickets.get(i % tickets.size()), Tickets.newKey());
      long due = start + (long) (i * 1e9 / perSecond);
      LockSupport.parkNanos(due - System.nanoTime());
      futures.add(
          pool.submit(
              () -> {
                Result first = send(shot, 0, baseUri, Duration.ofSeconds(6));
                Result last = first;
                int attempt = 1;
                int ambers = 0;
                while (true) {
                  if (last.status() == 503 && !isTryAgain(last)) {
                    unavailable.add(System.nanoTime());
                  }
                  if (isTryAgain(last) || last.status() == 503) {
                    if (ambers++ >= TRY_AGAIN_LIMIT) {
                      break;
                    }
                    tryAgains.incrementAndGet();
                    Thread.sleep(500);
                  } else if (last.status() == 0 || last.status() >= 500) {
                    if (attempt++ >= 3) {
                      break;
                    }
                    resends.incrementAndGet();
                    Thread.sleep(300L * attempt);
                  } else {
                    break;
                  }
                  last = send(shot, 0, baseUri, Duration.ofSeconds(6));
                }
                return new Result(
                    shot,
                    0,
                    first.sentAtNanos(),
                    first.latencyMillis(),
                    last.status(),
                    last.outcome(),
                    last.error());
              }));
    }
    List<Result> results = new ArrayList<>();
    for (Future<Result> future : futures) {
      results.add(future.get());
    }
    pool.shutdown();
    return results;
  }

  /**
   * When ({@code System.nanoTime()}) a 503 came back that was not the application's try-again
   * problem: the balancer had no node for the request, or the node was suspended.
   */
  List<Long> unavailable() {
    return List.copyOf(unavailable);
  }

  /** How many scans got no answer (or a gateway error) and were sent again by the app itself. */
  int resends() {
    return resends.get();
  }

  /** How many answers were 503 try-again (each then sent again, as a scanner shows amber). */
  int tryAgains() {
    return tryAgains.get();
  }

  private static boolean isTryAgain(Result result) {
    return result.status() == 503 && result.error().contains("urn:pravesh:problem:try-again");
  }

  private Result send(Shot shot, int node, String baseUri) {
    return send(shot, node, baseUri, Duration.ofSeconds(10));
  }

  private Result send(Shot shot, int node, String baseUri, Duration timeout) {
    String body = "{\"token\":\"" + shot.ticket().token() + "\",\"gateId\":\"" + gate + "\"}";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUri + "/api/scans"))
            .timeout(timeout)
            .header("Authorization", "Bearer " + volunteer)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", shot.key())
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    long sent = System.nanoTime();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      long millis = (System.nanoTime() - sent) / 1_000_000;
      Matcher outcome = OUTCOME.matcher(response.body());

      return new Result(
          shot,
          node,
          sent,
          millis,
          response.statusCode(),
          response.statusCode() == 200 && outcome.find() ? outcome.group(1) : null,
          response.body());
    } catch (IOException e) {
      return new Result(
          shot, node, sent, (System.nanoTime() - sent) / 1_000_000, 0, null, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Per ticket, the keys (physical scans) that were answered ADMITTED: exactly once means one key
   * for each ticket admitted (a scan sent again after a lost answer is that same scan).
   */
  static Map<String, Set<String>> admittingKeys(List<Result> results) {
    return results.stream()
        .filter(r -> "ADMITTED".equals(r.outcome()))
        .collect(
            Collectors.groupingBy(
                r -> r.shot().ticket().id(),
                Collectors.mapping(r -> r.shot().key(), Collectors.toSet())));
  }

  /** The p-th percentile of the latencies, in milliseconds. */
  static long percentile(List<Result> results, double p) {
    long[] sorted = results.stream().mapToLong(Result::latencyMillis).sorted().toArray();
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
  }
}
