package in.pravesh.jobs;

import jakarta.ejb.Local;
import java.util.List;
import java.util.Optional;

/**
 * The dead-letter queues of the SQS job queues (implemented by the bridge, in ticketing-jms): where
 * SQS moves a job after the redrive policy's last receive. Empty while the bridge is off.
 */
@Local
public interface SqsDeadLetterQueues {

  /** Up to {@code limit} dead jobs, oldest first as far as SQS tells. */
  List<DeadJobView> list(int limit);

  /**
   * Sends the dead job with this SQS message id back to its queue and deletes it from the
   * dead-letter queue; empty if no dead-letter queue holds it, else the queue's name.
   */
  Optional<String> replay(String id);
}
