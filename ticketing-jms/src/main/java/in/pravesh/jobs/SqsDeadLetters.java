package in.pravesh.jobs;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The SQS dead-letter queues, for the admin. SQS cannot browse a queue: the jobs are received with
 * a short visibility timeout, noted, and made visible again at once, so that two admins looking at
 * the same moment may each see part of the list for a few seconds. A replay sends the job back to
 * its queue (with a fresh deduplication id, else a FIFO queue would drop it as a repeat) and then
 * deletes it from the dead-letter queue: a crash between the two leaves it in both, never in
 * neither, and the handlers deduplicate.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SqsDeadLetters implements SqsDeadLetterQueues {

  private static final int BROWSE_VISIBILITY_SECONDS = 30;

  /** A look into a dead-letter queue stops after this many messages or this long. */
  private static final int BROWSE_MAX = 1_000;

  private static final long BROWSE_MILLIS = 10_000;

  @Inject SqsBridgeSettings settings;
  @Inject SqsGateway sqs;

  @Override
  public List<DeadJobView> list(int limit) {
    List<DeadJobView> jobs = new ArrayList<>();
    if (!settings.enabled()) {
      return jobs;
    }
    for (String queue : List.of(JobRelay.TICKETS, JobRelay.NOTIFICATIONS)) {
      Optional<SqsGateway.DeadLetter> dead = sqs.deadLetter(queue);
      if (dead.isEmpty() || jobs.size() >= limit) {
        continue;
      }
      List<Message> seen = browse(dead.get().url(), limit - jobs.size(), null);
      String name = settings.queueName(queue);
      seen.stream()
          .sorted(Comparator.comparingLong(SqsDeadLetters::sentAt))
          .forEach(message -> jobs.add(view(queue, name, message)));
    }
    return jobs;
  }

  @Override
  public Optional<String> replay(String id) {
    if (!settings.enabled()) {
      return Optional.empty();
    }
    for (String queue : List.of(JobRelay.TICKETS, JobRelay.NOTIFICATIONS)) {
      Optional<SqsGateway.DeadLetter> dead = sqs.deadLetter(queue);
      if (dead.isEmpty()) {
        continue;
      }
      List<Message> found = browse(dead.get().url(), BROWSE_MAX, id);
      if (!found.isEmpty()) {
        Message message = found.get(0);
        sqs.send(
            sqs.queueUrl(queue),
            List.of(SqsConsumer.job(queue, message)),
            // One id per dead message: a replay asked twice is sent once (FIFO).
            ":replay:" + message.messageId());
        sqs.delete(dead.get().url(), List.of(message));
        return Optional.of(settings.queueName(queue));
      }
    }
    return Optional.empty();
  }

  /**
   * Receives the dead-letter queue's messages (up to {@code limit}, or until the one with id {@code
   * wanted}) and makes all of them but the wanted one visible again; returns the wanted one alone
   * if given, else all.
   */
  private List<Message> browse(String url, int limit, String wanted) {
    List<Message> seen = new ArrayList<>();
    Message match = null;
    long until = System.currentTimeMillis() + BROWSE_MILLIS;
    try {
      while (seen.size() < Math.min(limit, BROWSE_MAX)
          && match == null
          && System.currentTimeMillis() < until) {
        List<Message> batch = sqs.peek(url, SqsGateway.MAX_BATCH, BROWSE_VISIBILITY_SECONDS);
        if (batch.isEmpty()) {
          break;
        }
        for (Message message : batch) {
          if (message.messageId().equals(wanted)) {
            match = message;
          } else {
            seen.add(message);
          }
        }
      }
    } finally {
      if (!seen.isEmpty()) {
        sqs.hide(url, seen, 0);
      }
    }
    if (wanted != null) {
      return match == null ? List.of() : List.of(match);
    }
    return seen;
  }

  private static DeadJobView view(String queue, String queueName, Message message) {
    Job job = SqsConsumer.job(queue, message);
    return new DeadJobView(
        message.messageId(),
        job.kind(),
        "sqs:" + queueName,
        job.body(),
        Integer.parseInt(
            message
                .attributes()
                .getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "0")),
        Instant.ofEpochMilli(sentAt(message)).atOffset(ZoneOffset.UTC));
  }

  private static long sentAt(Message message) {
    return Long.parseLong(
        message.attributes().getOrDefault(MessageSystemAttributeName.SENT_TIMESTAMP, "0"));
  }
}
