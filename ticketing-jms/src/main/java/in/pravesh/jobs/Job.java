package in.pravesh.jobs;

import java.util.Map;

/**
 * A job as the handlers see it, whichever queue carried it (Artemis or SQS).
 *
 * @param queue {@link JobRelay#TICKETS} or {@link JobRelay#NOTIFICATIONS}
 * @param id the job's own id, which handlers deduplicate on
 * @param body the job's subject (a registration's or a submission's id)
 * @param properties {@code kind} and, by kind, {@code channel} and {@code broadcastId}
 */
public record Job(String queue, String id, String body, Map<String, String> properties) {

  /** The message properties a job carries (besides its id): every SQS attribute the bridge sets. */
  static final String[] PROPERTIES = {"kind", "channel", "broadcastId"};

  String kind() {
    return properties.get("kind");
  }
}
