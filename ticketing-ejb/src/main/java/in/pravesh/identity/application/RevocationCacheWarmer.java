package in.pravesh.identity.application;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/** After a full restart the cache is empty: the database's revocations are put back at start. */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class RevocationCacheWarmer {

  private static final Logger LOG = Logger.getLogger(RevocationCacheWarmer.class.getName());

  @Inject TokenRevocations revocations;

  @PostConstruct
  void warm() {
    int count = revocations.warmCache();
    LOG.info(() -> count + " token revocations in force");
  }
}
