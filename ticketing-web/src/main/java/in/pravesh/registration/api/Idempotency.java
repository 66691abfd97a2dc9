package in.pravesh.registration.api;

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
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.infinispan.Cache;

/**
 * {@code Idempotency-Key} as api.md scopes it: per caller, route and key, for 24 hours, shared by
 * all nodes (the replicated {@code idempotency} cache). The same key again returns the first answer
 * and does nothing new; with a different body it is 409; while the first is still running, the
 * second waits for its answer. Answers of 5xx are not kept, so a retry may succeed.
 */
@ApplicationScoped
public class Idempotency {

  private static final long DAY_MILLIS = TimeUnit.HOURS.toMillis(24);
  private static final long WAIT_MILLIS = 10_000;
  private static final Jsonb JSON = JsonbBuilder.create();

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
    String pending = "P|" + fingerprint;
    String previous = answers.putIfAbsent(cacheKey, pending, DAY_MILLIS, TimeUnit.MILLISECONDS);
    if (previous != null) {
      return replay(cacheKey, previous, fingerprint);
    }
    Response response;
    try {
      response = action.get();
    } catch (BusinessException e) {
      // An expected refusal is the answer for this key too.
      response = new in.pravesh.platform.api.BusinessExceptionMapper().toResponse(e);
    } catch (RuntimeException e) {
      answers.remove(cacheKey);
      throw e;
    }
    if (response.getStatus() >= 500) {
      answers.remove(cacheKey);
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
    answers.put(cacheKey, stored, DAY_MILLIS, TimeUnit.MILLISECONDS);
    return response;
  }

  private Response replay(String cacheKey, String stored, String fingerprint) {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    while (stored != null && stored.startsWith("P|") && System.currentTimeMillis() < deadline) {
      sleep();
      stored = answers.get(cacheKey);
    }
    if (stored == null || stored.startsWith("P|")) {
      throw new BusinessException(
          ProblemType.TRY_AGAIN, "The first request with this Idempotency-Key is still running");
    }
    String[] parts = stored.split("\\|", 5);
    if (!parts[1].equals(fingerprint)) {
      throw new BusinessException(
          ProblemType.IDEMPOTENCY_KEY_REUSED,
          "This Idempotency-Key was used with a different request");
    }
    return Response.status(Integer.parseInt(parts[2]))
        .type(parts[3])
        .entity(JSON.fromJson(parts[4], Object.class))
        .header("Idempotent-Replayed", "true")
        .build();
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
