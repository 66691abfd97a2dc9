package bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.infinispan.AdvancedCache;
import org.infinispan.Cache;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.Configuration;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.distribution.LocalizedCacheTopology;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.partitionhandling.AvailabilityMode;
import org.infinispan.partitionhandling.PartitionHandling;
import org.infinispan.remoting.transport.jgroups.FileJGroupsChannelConfigurator;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;
import org.infinispan.topology.CacheTopology;
import org.infinispan.transaction.TransactionMode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The replicated {@code entry} cache used as a cluster-wide entry lock: two embedded cache managers
 * in this JVM form a 2-member JGroups cluster over TCP on 127.0.0.1 (TCPPING, ports 7950/7951), each
 * with the cache configured as wildfly-config does (REPL_SYNC, remote-timeout 2000 ms, partition
 * handling DENY_READ_WRITES, non-transactional, String keys and values, ProtoStream marshalling).
 * All operations are issued on node A.
 *
 * <p>Each benchmark comes twice: {@code xxx} in Throughput mode (ops/s) and {@code xxxLatency} in
 * SampleTime mode (us/op with percentiles); they run the same code.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 3, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 5, timeUnit = TimeUnit.SECONDS)
@Fork(
    value = 1,
    // jvmArgs, so that -jvmArgsAppend on the command line (e.g. -Dbench.portA=...) adds to them
    jvmArgs = {"-Xms1g", "-Xmx1g", "-Djava.net.preferIPv4Stack=true"})
@Threads(4)
public class EntryCacheBenchmark {

  static final String CACHE = "entry";
  static final String CLUSTER = "jmh-entry-bench"; // not WildFly's "ee": never mixes with a server
  /*
   * Not 7900/7901: scripts/cluster.sh gives node I JGroups port 7600 + 100*(I-1) (7900 is its 4th
   * node), and FD_SOCK2 (bind_port + 100) of a 7900 node would take 8000, a cluster node's port.
   * 7950/7951 (+100: 8050/8051) end in neither 00 nor any other WildFly socket binding's last two
   * digits.
   */
  static final int PORT_A = Integer.getInteger("bench.portA", 7950);
  static final int PORT_B = Integer.getInteger("bench.portB", 7951);
  /** Safety cap on entries per node; the iteration teardown keeps the cache far below it. */
  static final long MAX_COUNT = Long.getLong("bench.maxCount", 1_000_000L);
  /** Entries left after an iteration above which the cache is cleared (and the pool re-put). */
  static final int CLEAR_ABOVE = Integer.getInteger("bench.clearAbove", 100_000);
  /** The production cache's default lifespan (expiration lifespan=129600000 in wildfly-config). */
  static final long CACHE_LIFESPAN_MS = 129_600_000L;
  static final int POOL = 4096;

  /** JGroups stack template in the jar: jgroups-${stack}.xml (tcp, tcp-asym-encrypt). */
  @Param({"tcp"})
  public String stack;

  /**
   * Which existing keys putIfAbsentExistingKey/getLocal use: any (about half have node A as
   * primary owner, as in production), local (A is primary: answered without an RPC), remote (B
   * is primary: one RPC to B).
   */
  @Param({"any"})
  public String existingKeyOwner;

  /** > 0: putIfAbsent(key, value, lifespan, ms) as Gatekeeper's claim does (30000); 0: plain. */
  @Param({"0"})
  public long claimLifespanMs;

  DefaultCacheManager managerA;
  DefaultCacheManager managerB;
  Cache<String, String> cacheA;
  Cache<String, String> cacheB;
  String[] existingKeys;
  /** ~100 bytes, like a claim/admission record. */
  final String value =
      "claim|node=app-node-a|at=1764590400000|gate=GATE-NORTH-07|scan=8f14e45f-ceea-467a-9af8-2e1d2c3b4a5f|v1";

  final AtomicInteger threadIds = new AtomicInteger();

  /** Held so that the levels stay set (java.util.logging keeps loggers weakly). */
  static final java.util.logging.Logger[] QUIET = {
    java.util.logging.Logger.getLogger("org.infinispan"),
    java.util.logging.Logger.getLogger("org.jgroups"),
    java.util.logging.Logger.getLogger("org.infinispan.CLUSTER"),
  };

  static {
    // Only warnings, plus Infinispan's "ISPN000094: Received new cluster view" lines.
    QUIET[0].setLevel(java.util.logging.Level.WARNING);
    QUIET[1].setLevel(java.util.logging.Level.WARNING);
    QUIET[2].setLevel(java.util.logging.Level.INFO);
  }

  @Setup(Level.Trial)
  public void startCluster() throws Exception {
    String hosts = "127.0.0.1[" + PORT_A + "],127.0.0.1[" + PORT_B + "]";
    managerA = startManager("A", PORT_A, hosts);
    managerB = startManager("B", PORT_B, hosts);
    cacheA = managerA.getCache(CACHE);
    cacheB = managerB.getCache(CACHE);
    awaitTwoMemberCluster(30_000);

    List<String> pool = new ArrayList<>(POOL);
    LocalizedCacheTopology topology =
        cacheA.getAdvancedCache().getDistributionManager().getCacheTopology();
    int local = 0;
    for (long i = 0; pool.size() < POOL; i++) {
      String key = "existing-" + i + ":2026-12-01";
      boolean primaryOnA = topology.getDistribution(key).isPrimary();
      if (primaryOnA) local++;
      switch (existingKeyOwner) {
        case "any" -> pool.add(key);
        case "local" -> { if (primaryOnA) pool.add(key); }
        case "remote" -> { if (!primaryOnA) pool.add(key); }
        default -> throw new IllegalArgumentException("existingKeyOwner: any|local|remote");
      }
    }
    if (!"any".equals(existingKeyOwner)) {
      local = "local".equals(existingKeyOwner) ? POOL : 0;
    }
    existingKeys = pool.toArray(String[]::new);
    putPool();
    String b = cacheB.get(existingKeys[0]); // written on A, read locally on B
    if (!value.equals(b)) throw new IllegalStateException("entry not replicated to B: " + b);

    log("cluster view on A: " + managerA.getMembers() + " (size " + managerA.getMembers().size()
        + "), on B: " + managerB.getMembers() + " (size " + managerB.getMembers().size() + ")");
    log("cache '" + CACHE + "' " + cacheA.getCacheConfiguration().clustering().cacheMode()
        + ", topology members " + topology.getActualMembers() + ", availability "
        + cacheA.getAdvancedCache().getAvailability() + ", stack=" + stack
        + ", existing keys " + existingKeys.length + " (" + local + " primary on A)");
  }

  private DefaultCacheManager startManager(String node, int port, String hosts) throws IOException {
    String resource = "jgroups-" + stack + ".xml";
    String xml;
    try (InputStream in = EntryCacheBenchmark.class.getResourceAsStream("/" + resource)) {
      if (in == null) throw new IllegalArgumentException("no JGroups stack " + resource);
      xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    xml = xml.replace("@@BIND_PORT@@", Integer.toString(port)).replace("@@INITIAL_HOSTS@@", hosts);
    FileJGroupsChannelConfigurator channel = new FileJGroupsChannelConfigurator(
        stack + "-" + node, resource,
        new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), new Properties());

    GlobalConfigurationBuilder global = new GlobalConfigurationBuilder();
    global.cacheManagerName("pravesh-" + node);
    global.transport().defaultTransport()
        .clusterName(CLUSTER)
        .nodeName(node)
        .addProperty(JGroupsTransport.CHANNEL_CONFIGURATOR, channel);
    global.cacheContainer().statistics(true); // cache-container=pravesh statistics-enabled=true
    // marshaller: ProtoStream is Infinispan 16's default (wildfly-config: marshaller=PROTOSTREAM)

    DefaultCacheManager manager = new DefaultCacheManager(global.build(), false);
    manager.defineConfiguration(CACHE, entryCacheConfiguration());
    manager.start();
    manager.getCache(CACHE); // start the cache: joins its topology
    return manager;
  }

  static Configuration entryCacheConfiguration() {
    ConfigurationBuilder c = new ConfigurationBuilder();
    c.clustering()
        .cacheMode(CacheMode.REPL_SYNC)
        .remoteTimeout(2000, TimeUnit.MILLISECONDS)
        .partitionHandling().whenSplit(PartitionHandling.DENY_READ_WRITES);
    c.transaction().transactionMode(TransactionMode.NON_TRANSACTIONAL);
    c.statistics().enable(); // replicated-cache=entry statistics-enabled=true
    c.expiration().lifespan(CACHE_LIFESPAN_MS, TimeUnit.MILLISECONDS);
    c.memory().maxCount(MAX_COUNT); // bench only: bounds the heap
    return c.build();
  }

  private void awaitTwoMemberCluster(long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      if (twoMembers(cacheA) && twoMembers(cacheB)
          && managerA.getMembers().size() == 2 && managerB.getMembers().size() == 2) {
        return;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("no 2-member cluster after " + timeoutMs + " ms: A sees "
            + managerA.getMembers() + ", B sees " + managerB.getMembers());
      }
      Thread.sleep(50);
    }
  }

  private static boolean twoMembers(Cache<String, String> cache) {
    AdvancedCache<String, String> ac = cache.getAdvancedCache();
    LocalizedCacheTopology t = ac.getDistributionManager().getCacheTopology();
    return t.getActualMembers().size() == 2
        && t.getPhase() == CacheTopology.Phase.NO_REBALANCE
        && t.getPendingCH() == null
        && ac.getAvailability() == AvailabilityMode.AVAILABLE;
  }

  private void putPool() {
    for (String key : existingKeys) {
      cacheA.put(key, value);
    }
  }

  /** Keeps the heap bounded, and fails the run should the cluster have lost a member. */
  @TearDown(Level.Iteration)
  public void afterIteration() {
    if (managerA.getMembers().size() != 2 || !twoMembers(cacheA)) {
      throw new IllegalStateException("cluster no longer has 2 members: " + managerA.getMembers()
          + ", availability " + cacheA.getAdvancedCache().getAvailability());
    }
    int size = cacheA.getAdvancedCache().getDataContainer().sizeIncludingExpired();
    if (size > CLEAR_ABOVE) {
      cacheA.clear(); // cluster-wide, outside the measured time
      putPool();
    }
  }

  @TearDown(Level.Trial)
  public void stopCluster() {
    log("at the end: view size " + managerA.getMembers().size() + ", entries on A "
        + cacheA.getAdvancedCache().getDataContainer().sizeIncludingExpired() + ", on B "
        + cacheB.getAdvancedCache().getDataContainer().sizeIncludingExpired());
    managerB.stop();
    managerA.stop();
  }

  static void log(String message) {
    System.out.println("[bench] " + message);
  }

  /** Per benchmark thread: its own key sequence (fresh keys) and walk through the pool. */
  @State(Scope.Thread)
  public static class ThreadKeys {
    String prefix;
    long next;
    int index;

    @Setup(Level.Trial)
    public void setup(EntryCacheBenchmark bench) {
      // ticket:date keys; thread id + random run id keep them unique across threads and forks
      prefix = "T" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + "-"
          + bench.threadIds.incrementAndGet() + "-";
      index = ThreadLocalRandom.current().nextInt(POOL);
    }

    String freshKey() {
      return prefix + (next++) + ":2026-12-01";
    }

    String existingKey(String[] keys) {
      int i = index;
      index = (i + 1) & (POOL - 1);
      return keys[i];
    }
  }

  // ---- the operations ------------------------------------------------------------------------

  String admitNew(ThreadKeys t) {
    String key = t.freshKey();
    String previous = claimLifespanMs > 0
        ? cacheA.putIfAbsent(key, value, claimLifespanMs, TimeUnit.MILLISECONDS)
        : cacheA.putIfAbsent(key, value);
    if (previous != null) throw new IllegalStateException("fresh key existed: " + key);
    return previous;
  }

  String rescan(ThreadKeys t) {
    String key = t.existingKey(existingKeys);
    String previous = claimLifespanMs > 0
        ? cacheA.putIfAbsent(key, value, claimLifespanMs, TimeUnit.MILLISECONDS)
        : cacheA.putIfAbsent(key, value);
    if (previous == null) throw new IllegalStateException("existing key was absent: " + key);
    return previous;
  }

  String read(ThreadKeys t) {
    return cacheA.get(t.existingKey(existingKeys));
  }

  // ---- Throughput (ops/s) --------------------------------------------------------------------

  /** First admission of a ticket: the claim is replicated synchronously to B. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public String putIfAbsentNewKey(ThreadKeys t) {
    return admitNew(t);
  }

  /** A repeat scan: the key is there, putIfAbsent returns the existing value. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public String putIfAbsentExistingKey(ThreadKeys t) {
    return rescan(t);
  }

  /** A read of an existing key on A (replicated: served from A's own copy). */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public String getLocal(ThreadKeys t) {
    return read(t);
  }

  // ---- SampleTime (us/op, percentiles) -------------------------------------------------------

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public String putIfAbsentNewKeyLatency(ThreadKeys t) {
    return admitNew(t);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public String putIfAbsentExistingKeyLatency(ThreadKeys t) {
    return rescan(t);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public String getLocalLatency(ThreadKeys t) {
    return read(t);
  }
}
