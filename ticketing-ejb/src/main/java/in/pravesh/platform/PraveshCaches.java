package in.pravesh.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.infinispan.Cache;
import org.infinispan.manager.EmbeddedCacheManager;

/**
 * The replicated caches of wildfly-config's {@code pravesh} container, each looked up once. (A
 * cache injected with {@code @Resource} is a lazy proxy that asks the container for the cache on
 * every call; on a hot path like token checks that cost more than the check itself.)
 */
@ApplicationScoped
public class PraveshCaches {

  public static final String ENTRY = "entry";
  public static final String RATE_LIMIT = "rate-limit";
  public static final String IDEMPOTENCY = "idempotency";
  public static final String TOKEN_REVOCATION = "token-revocation";

  @Resource(lookup = "java:jboss/infinispan/container/pravesh")
  EmbeddedCacheManager container;

  // Dependencies on the caches' services (see above); not used directly.
  @Resource(lookup = "java:jboss/infinispan/cache/pravesh/entry")
  Cache<?, ?> entry;

  @Resource(lookup = "java:jboss/infinispan/cache/pravesh/rate-limit")
  Cache<?, ?> rateLimit;

  @Resource(lookup = "java:jboss/infinispan/cache/pravesh/idempotency")
  Cache<?, ?> idempotency;

  @Resource(lookup = "java:jboss/infinispan/cache/pravesh/token-revocation")
  Cache<?, ?> tokenRevocation;

  private final Map<String, Cache<?, ?>> caches = new ConcurrentHashMap<>();

  @SuppressWarnings("unchecked")
  public <K, V> Cache<K, V> get(String name) {
    return (Cache<K, V>) caches.computeIfAbsent(name, container::getCache);
  }
}
