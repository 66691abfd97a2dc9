package in.pravesh.identity.application;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Keeps the revocation cache true to the database, which is the truth. At start (a full restart
 * leaves the cache empty), and every few seconds: when the cache was unavailable on this node (a
 * minority partition that has since healed) or a write of this node failed, every revocation in
 * force is copied again before the cache is trusted; otherwise the recent ones are checked, so a
 * write that failed on another node reaches the cache within seconds.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RevocationCacheSync {

  private static final Logger LOG = Logger.getLogger(RevocationCacheSync.class.getName());
  static final Duration RECENT = Duration.ofMinutes(2);

  @Inject TokenRevocations revocations;
  @Inject RevocationCache cache;

  @PostConstruct
  void atStart() {
    sync();
  }

  @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
  void sync() {
    if (!cache.available()) {
      cache.distrust("the cache is unavailable on this node", null);
      return;
    }
    try {
      if (cache.trusted()) {
        revocations.copyToCache(RECENT);
      } else {
        long distrusts = cache.distrusts();
        int count = revocations.copyToCache(null);
        cache.trustIfNoneSince(distrusts);
        LOG.info(() -> count + " token revocations in force copied to the cache");
      }
    } catch (RuntimeException e) {
      cache.distrust("copying to the cache failed", e);
    }
  }
}
