package in.pravesh.platform.api;

import in.pravesh.platform.BusinessException;
import in.pravesh.platform.PraveshCaches;
import in.pravesh.platform.ProblemType;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.infinispan.Cache;

/**
 * {@code Idempotency-Key} as api.md scopes it: per caller, route and key, for 24 hours, shared by
 * all nodes (the replicated {@code idempotency} cache). The same key again returns the first answer
 * and does nothing new; with a different body it is 409; while the first is still running, the
 * second waits a little for its answer. Answers of 5xx and 429 are not kept, so a retry may
 * succeed. A key whose node died before answering is taken over by the next request with it.
 */
@ApplicationScoped
public class Idempotency {

  private static final long DAY_MILLIS = TimeUnit.HOURS.toMillis(24);
  private static final long WAIT_MILLIS = 3_000;

  /**
   * A pending mark's life without use: longer than any request runs (its transaction times out).
   */
  private static final long PENDING_MILLIS = 60_000;

  private static final Jsonb JSON = JsonbBuilder.create();
  private static final long CACHE_TIMEOUT_MILLIS = 200;
  private static final Logger LOG = Logger.getLogger(Idempotency.class.getName());

  @Inject PraveshCaches caches;
  private Cache<String, String> answers;

  @PostConstruct
  void init() {
    answers = caches.get(PraveshCaches.IDEMPOTENCY);
  }

  /**
   * Runs {@code action} once per key.
   *
   * @param key the client's Idempotency-Key, or null to just run the action
   */
  public Response once(
      String subject, String route, String key, Object body, Supplier<Response> action) {
    if (key == null || key.isBlank()) {
      return action.get();
    }
    if (key.length() > 200) {
      throw new BusinessException(
          ProblemType.VALIDATION, "Idempotency-Key is at most 200 characters");
    }
    String cacheKey = subject + "|" + route + "|" + key;
    String fingerprint = sha256(JSON.toJson(body));
    if (!PraveshCaches.available(answers)) {
      PraveshCaches.logUnavailable(LOG, "Idempotency-Key not checked", null);
      return action.get();
    }
    String pending = pending(fingerprint);
    CompletableFuture<String> claiming =
        answers.putIfAbsentAsync(
            cacheKey,
            pending,
            PENDING_MILLIS,
            TimeUnit.MILLISECONDS,
            DAY_MILLIS,
            TimeUnit.MILLISECONDS);
    String previous;
    try {
      previous = PraveshCaches.within(claiming, CACHE_TIMEOUT_MILLIS);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      // The cache cannot keep answers now (a degraded partition, a node leaving): the action runs
      // anyway, behind its own guard against doing twice what matters (a scan's key is stored with
      // its admission; a phone has one active registration per slot). Should our pending mark
      // land later, nobody would answer it: it is taken back then.
      claiming.thenAccept(
          landed -> {
            if (landed == null) {
              PraveshCaches.quietly(answers.removeAsync(cacheKey, pending), LOG);
            }
          });
      PraveshCaches.logUnavailable(LOG, "Idempotency-Key not checked", e);
      return action.get();
    }
    if (previous != null) {
      return replay(cacheKey, previous, fingerprint, action);
    }
    return runAndKeep(cacheKey, pending, fingerprint, action);
  }

  /**
   * A pending mark: this node's address and the request's fingerprint. It lives {@link
   * #PENDING_MILLIS} unless answered, so the key of a node that died (or restarted under the same
   * name) frees itself.
   */
  private String pending(String fingerprint) {
    return "P|" + fingerprint + "|" + answers.getCacheManager().getAddress();
  }

  /**
   * Runs the action for a key this node marked pending, and puts its answer in place of the mark
   * (only if the mark is still ours: a node wrongly thought dead must not undo a takeover).
   */
  private Response runAndKeep(
      String cacheKey, String pending, String fingerprint, Supplier<Response> action) {
    Response response;
    try {
      response = action.get();
    } catch (BusinessException e) {
      // An expected refusal is the answer for this key too.
      response = new BusinessExceptionMapper().toResponse(e);
    } catch (RuntimeException e) {
      PraveshCaches.quietly(answers.removeAsync(cacheKey, pending), LOG);
      throw e;
    }
    if (response.getStatus() >= 500 || response.getStatus() == 429) {
      // Not an answer for the key: a retry after the pause (or the outage) may succeed.
      PraveshCaches.quietly(answers.removeAsync(cacheKey, pending), LOG);
      return response;
    }
    String stored =
        "D|"
            + fingerprint
            + "|"
            + response.getStatus()
            + "|"
            + response.getMediaType()
            + "|"
            + JSON.toJson(response.getEntity());
    if (PraveshCaches.available(answers)) {
      PraveshCaches.quietly(
          answers.replaceAsync(cacheKey, pending, stored, DAY_MILLIS, TimeUnit.MILLISECONDS), LOG);
    }
    return response;
  }

  /**
   * The answer of the first request with this key, once it has one. The first may still be running
   * on some node: then this waits for it, a few seconds at most (503 try-again after that, the
   * client retries with the same key). If that node has left the cluster, or its mark expired (it
   * crashed, and its answer will never come), this request takes the key (one taker wins), runs the
   * action and keeps its answer for the retries after it. If the cache cannot be read, 503
   * try-again: running the action again then could do it twice.
   */
  private Response replay(
      String cacheKey, String stored, String fingerprint, Supplier<Response> action) {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    long pause = 25;
    String ours = pending(fingerprint);
    while (stored == null || stored.startsWith("P|")) {
      boolean taken;
      try {
        if (stored == null) {
          // No mark (expired, or the first gave the key up after a 5xx): take it.
          String previous =
              answers.putIfAbsent(
                  cacheKey,
                  ours,
                  PENDING_MILLIS,
                  TimeUnit.MILLISECONDS,
                  DAY_MILLIS,
                  TimeUnit.MILLISECONDS);
          taken = previous == null;
          stored = previous;
        } else {
          String[] mark = stored.split("\\|", 3);
          if (!mark[1].equals(fingerprint)) {
            throw reused();
          }
          if (mark.length == 3 && !isMember(mark[2])) {
            // Its node left the cluster. A replace that fails may still have been applied (a
            // retry across a topology change): the mark is then ours.
            taken =
                answers.replace(
                        cacheKey,
                        stored,
                        ours,
                        PENDING_MILLIS,
                        TimeUnit.MILLISECONDS,
                        DAY_MILLIS,
                        TimeUnit.MILLISECONDS)
                    || ours.equals(answers.get(cacheKey));
          } else {
            taken = false;
            if (System.currentTimeMillis() > deadline) {
              throw stillRunning();
            }
            pause = sleep(pause);
          }
          if (!taken) {
            stored = answers.get(cacheKey);
          }
        }
      } catch (BusinessException e) {
        throw e;
      } catch (RuntimeException e) {
        PraveshCaches.logUnavailable(LOG, "Idempotency-Key answer unreadable", e);
        throw stillRunning();
      }
      if (taken) {
        return runAndKeep(cacheKey, ours, fingerprint, action);
      }
    }
    String[] parts = stored.split("\\|", 5);
    if (!parts[1].equals(fingerprint)) {
      throw reused();
    }
    return Response.status(Integer.parseInt(parts[2]))
        .type(parts[3])
        .entity(JSON.fromJson(parts[4], Object.class))
        .header("Idempotent-Replayed", "true")
        .build();
  }

  private static BusinessException stillRunning() {
    return new BusinessException(
        ProblemType.TRY_AGAIN, "The first request with this Idempotency-Key is still running");
  }

  private boolean isMember(String node) {
    var members = answers.getCacheManager().getMembers();
    return members == null || members.stream().anyMatch(m -> String.valueOf(m).equals(node));
  }

  private static BusinessException reused() {
    return new BusinessException(
        ProblemType.IDEMPOTENCY_KEY_REUSED,
        "This Idempotency-Key was used with a different request");
  }

  /** Sleeps, and the next pause: longer each time, so that waiting never spins. */
  private static long sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw stillRunning();
    }
    return Math.min(400, millis * 2);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
