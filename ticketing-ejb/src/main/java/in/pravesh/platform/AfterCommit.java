package in.pravesh.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Side effects that must follow the truth, not precede it (a cache written, a key remembered): run
 * once the current transaction has committed, and never when it rolls back. Without a transaction
 * there is nothing to wait for. An action that fails is logged: the commit stands.
 */
@ApplicationScoped
public class AfterCommit {

  private static final Logger LOG = Logger.getLogger(AfterCommit.class.getName());

  @Resource TransactionSynchronizationRegistry transactions;

  /**
   * As {@link #run}, once per transaction for {@code key} however often it is asked (a broadcast
   * makes thousands of jobs in one transaction; one wake-up of the relay is enough).
   */
  public void runOnce(Object key, Runnable action) {
    if (transactions.getTransactionKey() != null) {
      if (transactions.getResource(key) != null) {
        return;
      }
      transactions.putResource(key, Boolean.TRUE);
    }
    run(action);
  }

  public void run(Runnable action) {
    if (transactions.getTransactionKey() == null) {
      action.run();
      return;
    }
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              try {
                action.run();
              } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "An action after a commit failed", e);
              }
            }
          }
        });
  }
}
