package in.pravesh.notification.application;

import in.pravesh.jobs.JobSender;
import in.pravesh.notification.domain.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A WhatsApp ticket message that has just failed becomes an SMS job, in the caller's transaction
 * (the one that records the failure): one per failed message, whatever reports the failure (the
 * first send, a retry, a delivery report), however often.
 */
@ApplicationScoped
public class SmsFallback {

  @Inject JobSender jobs;

  /** Call after changing the row's state; {@code wasFailed}: its state before. */
  void afterChange(Message row, boolean wasFailed) {
    if (row.state() != Message.State.FAILED
        || wasFailed
        || !"whatsapp".equals(row.channel())
        || row.registrationId() == null) {
      return;
    }
    if ("ticket".equals(row.kind())) {
      jobs.smsFallback(row.registrationId(), row.id());
    } else if ("broadcast".equals(row.kind())
        && row.jobId() != null
        && row.jobId().startsWith(JobSender.BROADCAST_JOB)) {
      // broadcast:<broadcast id>:<registration id>
      String broadcastId = row.jobId().split(":")[1];
      jobs.broadcastSmsFallback(
          java.util.UUID.fromString(broadcastId), row.registrationId(), row.id());
    }
  }
}
