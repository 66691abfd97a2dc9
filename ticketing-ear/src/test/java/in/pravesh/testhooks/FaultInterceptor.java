package in.pravesh.testhooks;

import in.pravesh.platform.AfterCommit;
import in.pravesh.platform.PraveshCaches;
import in.pravesh.registration.application.Caller;
import in.pravesh.registration.application.NewRegistration;
import in.pravesh.registration.application.Registrations;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.infinispan.Cache;

/**
 * The faults the integration tests ask for (test deployment only). By registration name, as a test
 * registers: {@code ROLLBACK-AFTER-JOB} (the registration rolls back after its ticket job was
 * sent), {@code HALT-AFTER-COMMIT} (the JVM halts the moment it commits), {@code FAIL-TICKET-JOB}
 * (its ticket job fails before making anything), {@code NODE-DIES-PENDING} (the node "dies" holding
 * the request's Idempotency-Key: its pending mark names a departed node), {@code FAIL-AFTER-KEY}
 * (its ticket job fails after making the ticket and, for an event's first ticket, the event's key),
 * {@code DELIVER-TWICE} (its notify job is handled twice, as when the broker delivers it again),
 * {@code SLOW-TICKET-JOB} (its ticket job's first run, on whichever node of this machine, takes 10
 * s before it starts: longer than the cluster's SQS visibility timeout). By switch, a file in
 * {@code <server base dir>/faults/} that a test creates and deletes: {@code cache-<name>} makes
 * every call of that replicated cache fail, as a degraded or unreachable cache does; {@code
 * slow-photos} makes each photo decode take 1.5 s longer.
 */
@Faults
@Interceptor
// Inside MicroProfile Fault Tolerance's interceptor (PLATFORM_AFTER + 10): a slowed call holds
// its bulkhead permit.
@Priority(Interceptor.Priority.PLATFORM_AFTER + 100)
public class FaultInterceptor {

  private static final Path SWITCHES =
      Path.of(System.getProperty("jboss.server.base.dir", "."), "faults");

  private static final Set<UUID> diedFor = ConcurrentHashMap.newKeySet();

  @Inject AfterCommit afterCommit;
  @Inject PraveshCaches caches;

  @Resource(lookup = "java:jboss/datasources/PraveshDS")
  DataSource database;

  @AroundInvoke
  Object inject(InvocationContext call) throws Exception {
    return switch (call.getMethod().getName()) {
      case "register" -> register(call);
      case "registerAll" -> registerAll(call);
      case "issue" -> issue(call);
      case "get" -> cache(call);
      case "read" -> slowed(call, "slow-photos");
      case "deliver" -> deliver(call);
      default -> call.proceed();
    };
  }

  /** A web registration, before it joins a batch. */
  private Object register(InvocationContext call) throws Exception {
    String name = ((NewRegistration) call.getParameters()[1]).name().strip();
    if (name.equals("NODE-DIES-PENDING")) {
      dieHoldingIdempotencyKey((Caller) call.getParameters()[0]);
    }
    return call.proceed();
  }

  /**
   * Registrations in one transaction (a batch, or one alone): a batch with a registration named
   * ROLLBACK-AFTER-JOB rolls back as a whole, so its other registrations are made again alone, and
   * that one fails alone.
   */
  private Object registerAll(InvocationContext call) throws Exception {
    List<?> batch = (List<?>) call.getParameters()[0];
    Set<String> names =
        batch.stream()
            .map(pending -> ((Registrations.Pending) pending).request().name().strip())
            .collect(java.util.stream.Collectors.toSet());
    Object result = call.proceed();
    if (names.contains("ROLLBACK-AFTER-JOB")) {
      throw new IllegalStateException("Registration made to roll back after its job was sent");
    }
    if (names.contains("HALT-AFTER-COMMIT")) {
      // Registered after the registration's own after-commit actions, so it runs before them
      // (Narayana runs them in reverse order): the JVM halts before this node's job relay wakes.
      afterCommit.run(() -> Runtime.getRuntime().halt(137));
    }
    return result;
  }

  /**
   * As if this node died while its request held an Idempotency-Key: the caller's pending mark is
   * made to name a node that is not in the cluster, and the request fails before doing anything.
   * Once per caller, so the request that takes the key over runs normally.
   */
  private void dieHoldingIdempotencyKey(Caller caller) {
    if (!diedFor.add(caller.personId())) {
      return;
    }
    Cache<String, String> answers = caches.get(PraveshCaches.IDEMPOTENCY);
    String mine = "|" + answers.getCacheManager().getAddress();
    String prefix = caller.personId() + "|";
    int marked = 0;
    for (var entry : Map.copyOf(answers).entrySet()) {
      String mark = entry.getValue();
      if (entry.getKey().startsWith(prefix) && mark.startsWith("P|") && mark.endsWith(mine)) {
        String dead = mark.substring(0, mark.length() - mine.length()) + "|node-that-died";
        if (answers.replace(entry.getKey(), mark, dead, 60, TimeUnit.SECONDS, 1, TimeUnit.DAYS)) {
          marked++;
        }
      }
    }
    if (marked != 1) {
      throw new AssertionError(
          "Test hook: expected one pending mark to hand over, found " + marked);
    }
    throw new IllegalStateException("Test fault: the node died holding an Idempotency-Key");
  }

  private Object issue(InvocationContext call) throws Exception {
    String name = registrationName((UUID) call.getParameters()[0]);
    if ("FAIL-TICKET-JOB".equals(name)) {
      throw new IllegalStateException("Ticket job made to fail");
    }
    if ("SLOW-TICKET-JOB".equals(name) && firstRun(call.getParameters()[0])) {
      Thread.sleep(10_000);
    }
    Object result = call.proceed();
    if ("FAIL-AFTER-KEY".equals(name)) {
      throw new IllegalStateException("Ticket job made to fail after the ticket was made");
    }
    return result;
  }

  /** Whether this is the first run for {@code subject} among the JVMs of this machine. */
  private static boolean firstRun(Object subject) throws java.io.IOException {
    try {
      Files.createFile(
          Path.of(System.getProperty("java.io.tmpdir"), "pravesh-first-run-" + subject));
      return true;
    } catch (java.nio.file.FileAlreadyExistsException e) {
      return false;
    }
  }

  private Object deliver(InvocationContext call) throws Exception {
    Object result = call.proceed();
    if ("DELIVER-TWICE".equals(registrationName((UUID) call.getParameters()[0]))) {
      result = call.proceed();
    }
    return result;
  }

  private Object cache(InvocationContext call) throws Exception {
    Cache<?, ?> cache = (Cache<?, ?>) call.proceed();
    String name = (String) call.getParameters()[0];
    return Proxy.newProxyInstance(
        Cache.class.getClassLoader(),
        new Class<?>[] {Cache.class},
        (proxy, method, args) -> {
          if (method.getDeclaringClass() != Object.class
              && Files.exists(SWITCHES.resolve("cache-" + name))) {
            throw new IllegalStateException("Test fault: cache " + name + " unavailable");
          }
          try {
            return method.invoke(cache, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private Object slowed(InvocationContext call, String name) throws Exception {
    if (Files.exists(SWITCHES.resolve(name))) {
      Thread.sleep(1_500);
    }
    return call.proceed();
  }

  private String registrationName(UUID id) throws Exception {
    try (Connection db = database.getConnection();
        PreparedStatement query =
            db.prepareStatement("select name from registration where id = ?")) {
      query.setObject(1, id);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getString(1) : null;
      }
    }
  }
}
