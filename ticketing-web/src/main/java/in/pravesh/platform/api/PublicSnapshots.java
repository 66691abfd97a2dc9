package in.pravesh.platform.api;

import in.pravesh.platform.CatalogChanges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Public answers that change rarely (the event list, an event, its ticket keys), kept in memory as
 * the JSON bytes sent, with their {@code ETag}. An answer is made again when the catalog changed on
 * any node ({@link CatalogChanges}) or when it is older than {@code
 * ticketing.public.max-age-seconds} (seats left change with every registration: they may be that
 * many seconds stale, as api.md allows). Browsers and a CDN may keep an answer as long ({@code
 * Cache-Control}) and ask again with {@code If-None-Match}, answered 304.
 *
 * <p>Only answers that exist are kept (an unknown slug is asked of the database each time and never
 * fills the memory). When an answer is due, one request makes it again while the others are given
 * the previous one.
 */
@ApplicationScoped
public class PublicSnapshots {

  private final Map<String, Holder> snapshots = new ConcurrentHashMap<>();
  @Inject CatalogChanges catalog;

  @Inject
  @ConfigProperty(name = "ticketing.public.max-age-seconds", defaultValue = "2")
  int maxAgeSeconds;

  /** The answer kept under {@code key}, made by {@code make} when there is none or it is due. */
  public Response answer(String key, Request request, Supplier<Object> make) {
    Snapshot snapshot = current(key, make);
    String cache = "public, max-age=" + maxAgeSeconds;
    EntityTag tag = new EntityTag(snapshot.etag);
    Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
    if (notModified != null) {
      return notModified.header("Cache-Control", cache).tag(tag).build();
    }
    return Response.ok(snapshot.json, MediaType.APPLICATION_JSON_TYPE)
        .tag(tag)
        .header("Cache-Control", cache)
        .build();
  }

  private Snapshot current(String key, Supplier<Object> make) {
    long generation = catalog.generation();
    // The first answer is made once, the others for the key wait; a failure keeps nothing.
    Holder holder = snapshots.computeIfAbsent(key, k -> new Holder(make(make, generation)));
    Snapshot kept = holder.snapshot;
    boolean due =
        kept.generation != generation
            || System.nanoTime() - kept.madeAt > maxAgeSeconds * 1_000_000_000L;
    if (!due) {
      return kept;
    }
    if (!holder.making.compareAndSet(false, true)) {
      return kept; // another request is making it: the previous one meanwhile
    }
    try {
      Snapshot made = make(make, generation);
      holder.snapshot = made;
      return made;
    } catch (RuntimeException e) {
      snapshots.remove(key, holder); // gone (404) or failing: not kept
      throw e;
    } finally {
      holder.making.set(false);
    }
  }

  private static Snapshot make(Supplier<Object> make, long generation) {
    byte[] json = JsonbResolver.JSONB.toJson(make.get()).getBytes(StandardCharsets.UTF_8);
    return new Snapshot(json, etag(json), System.nanoTime(), generation);
  }

  private static String etag(byte[] json) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Snapshot(byte[] json, String etag, long madeAt, long generation) {}

  private static final class Holder {
    volatile Snapshot snapshot;
    final AtomicBoolean making = new AtomicBoolean();

    Holder(Snapshot snapshot) {
      this.snapshot = snapshot;
    }
  }
}
