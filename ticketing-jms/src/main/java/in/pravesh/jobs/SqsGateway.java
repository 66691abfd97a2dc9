package in.pravesh.jobs;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Every call the bridge makes to SQS, each guarded by MicroProfile Fault Tolerance: a blip is
 * retried, and an outage opens the circuit, so that callers fail at once and back off instead of
 * piling up on a dead endpoint. The SDK itself does not retry (one layer of retries, ours). A job's
 * message carries its id and properties as plain String attributes, its subject as the body; on a
 * FIFO queue (a name ending in {@code .fifo}) the job id is the deduplication id and the subject
 * the message group, so one registration's jobs keep their order as far as SQS and the relay's
 * parallel loops allow.
 *
 * <p>Also remembers how the last call went, for the health check.
 */
@ApplicationScoped
public class SqsGateway {

  /** Message attribute: the job's id. */
  static final String JOB_ID = "jobId";

  /** The most SQS takes in one batch call. */
  static final int MAX_BATCH = 10;

  @Inject SqsBridgeSettings settings;

  @Inject
  @ConfigProperty(name = "ticketing.sqs.endpoint")
  Optional<String> endpoint;

  @Inject
  @ConfigProperty(name = "ticketing.sqs.region", defaultValue = "ap-south-1")
  String region;

  @Inject
  @ConfigProperty(name = "ticketing.sqs.access-key-id")
  Optional<String> accessKeyId;

  @Inject
  @ConfigProperty(name = "ticketing.sqs.secret-access-key")
  Optional<String> secretAccessKey;

  @Inject
  @ConfigProperty(name = "ticketing.sqs.wait-seconds", defaultValue = "20")
  int waitSeconds;

  private volatile SqsClient client;
  private final Map<String, String> urls = new ConcurrentHashMap<>();
  private final Map<String, Optional<DeadLetter>> deadLetters = new ConcurrentHashMap<>();
  private volatile Instant lastSuccess;
  private volatile Instant lastFailure;
  private volatile String lastError;

  /** A queue's redrive policy: where SQS moves a message after {@code maxReceives} receives. */
  record DeadLetter(String queueName, String url, int maxReceives) {}

  /**
   * The URL of the SQS queue of this job queue ({@code tickets}, {@code notifications}), asked once
   * and kept (no circuit breaker: a known URL must not wait for one to close).
   */
  @Retry(maxRetries = 2, delay = 200, jitter = 100)
  public String queueUrl(String jobQueue) {
    String name = settings.queueName(jobQueue);
    String url = urls.get(name);
    if (url == null) {
      url = call(() -> client().getQueueUrl(r -> r.queueName(name)).queueUrl());
      urls.put(name, url);
    }
    return url;
  }

  /** The dead-letter queue of this job queue's SQS queue, if its redrive policy names one. */
  @Retry(maxRetries = 2, delay = 200, jitter = 100)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5_000)
  public Optional<DeadLetter> deadLetter(String jobQueue) {
    String url = queueUrl(jobQueue);
    Optional<DeadLetter> known = deadLetters.get(url);
    if (known != null) {
      return known;
    }
    String policy =
        call(
            () ->
                client()
                    .getQueueAttributes(
                        r -> r.queueUrl(url).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                    .attributes()
                    .get(QueueAttributeName.REDRIVE_POLICY));
    Optional<DeadLetter> found = Optional.empty();
    if (policy != null && !policy.isBlank()) {
      JsonObject json = Json.createReader(new StringReader(policy)).readObject();
      String arn = text(json.get("deadLetterTargetArn"));
      String name = arn.substring(arn.lastIndexOf(':') + 1);
      String deadUrl = call(() -> client().getQueueUrl(r -> r.queueName(name)).queueUrl());
      found =
          Optional.of(
              new DeadLetter(name, deadUrl, Integer.parseInt(text(json.get("maxReceiveCount")))));
    }
    deadLetters.put(url, found);
    return found;
  }

  /**
   * Sends these jobs (at most {@value #MAX_BATCH}) to the queue at {@code url}; returns the indexes
   * of those SQS refused for good (a fault of the request: too large, malformed), and throws if it
   * refused any for a passing reason (throttled, unavailable), so that the caller tries again. A
   * job accepted in a call that then throws may be sent again: FIFO queues drop it by its
   * deduplication id, and the handlers deduplicate on standard queues.
   */
  @Retry(maxRetries = 2, delay = 200, jitter = 100)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5_000)
  public List<Integer> send(String url, List<Job> jobs, String dedupSuffix) {
    boolean fifo = url.endsWith(".fifo");
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < jobs.size(); i++) {
      Job job = jobs.get(i);
      Map<String, MessageAttributeValue> attributes = new HashMap<>();
      attributes.put(JOB_ID, text(job.id()));
      job.properties().forEach((name, value) -> attributes.put(name, text(value)));
      var entry =
          SendMessageBatchRequestEntry.builder()
              .id(String.valueOf(i))
              .messageBody(job.body())
              .messageAttributes(attributes);
      if (fifo) {
        entry.messageGroupId(job.body()).messageDeduplicationId(job.id() + dedupSuffix);
      }
      entries.add(entry.build());
    }
    SendMessageBatchResponse response =
        call(() -> client().sendMessageBatch(r -> r.queueUrl(url).entries(entries)));
    List<Integer> refused = new ArrayList<>();
    for (BatchResultErrorEntry failed : response.failed()) {
      if (!Boolean.TRUE.equals(failed.senderFault())) {
        failed(failed.code() + ": " + failed.message());
        throw new SqsUnavailableException(
            "SQS did not take job " + failed.id() + " of " + jobs.size() + ": " + failed.message());
      }
      refused.add(Integer.valueOf(failed.id()));
    }
    return refused;
  }

  /**
   * Long-polls the queue at {@code url}: up to {@code max} messages, hidden from other consumers
   * for {@code visibilitySeconds}, with their receive count and attributes.
   */
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5_000)
  public List<Message> receive(String url, int max, int wait, int visibilitySeconds) {
    return call(
        () ->
            client()
                .receiveMessage(
                    r ->
                        r.queueUrl(url)
                            .maxNumberOfMessages(max)
                            .waitTimeSeconds(wait)
                            .visibilityTimeout(visibilitySeconds)
                            .messageSystemAttributeNames(
                                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                                MessageSystemAttributeName.SENT_TIMESTAMP)
                            .messageAttributeNames("All")
                            .overrideConfiguration(
                                o -> o.apiCallTimeout(Duration.ofSeconds(wait + 10L))))
                .messages());
  }

  /**
   * {@link #receive} without waiting, for the admin's look into a dead-letter queue: a circuit of
   * its own, apart from the consumers' long polls.
   */
  @Retry(maxRetries = 1, delay = 200)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5_000)
  public List<Message> peek(String url, int max, int visibilitySeconds) {
    // A wait of 1 s: without one, a standard queue answers from a sample of its servers.
    return receive(url, max, 1, visibilitySeconds);
  }

  /** Deletes these messages (by receipt handle) from the queue at {@code url}. */
  @Retry(maxRetries = 2, delay = 200, jitter = 100)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5_000)
  public void delete(String url, List<Message> messages) {
    for (int from = 0; from < messages.size(); from += MAX_BATCH) {
      List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int i = from; i < Math.min(messages.size(), from + MAX_BATCH); i++) {
        entries.add(
            DeleteMessageBatchRequestEntry.builder()
                .id(String.valueOf(i))
                .receiptHandle(messages.get(i).receiptHandle())
                .build());
      }
      failIfAny(
          call(() -> client().deleteMessageBatch(r -> r.queueUrl(url).entries(entries))).failed());
    }
  }

  /** Hides these messages for {@code seconds} more (0: visible again at once). */
  @Retry(maxRetries = 2, delay = 200, jitter = 100)
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5_000)
  public void hide(String url, List<Message> messages, int seconds) {
    for (int from = 0; from < messages.size(); from += MAX_BATCH) {
      List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
      for (int i = from; i < Math.min(messages.size(), from + MAX_BATCH); i++) {
        entries.add(
            ChangeMessageVisibilityBatchRequestEntry.builder()
                .id(String.valueOf(i))
                .receiptHandle(messages.get(i).receiptHandle())
                .visibilityTimeout(seconds)
                .build());
      }
      failIfAny(
          call(() -> client().changeMessageVisibilityBatch(r -> r.queueUrl(url).entries(entries)))
              .failed());
    }
  }

  /** The queue's approximate counts: visible, in flight (received, not deleted). */
  @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5_000)
  public long[] depth(String url) {
    Map<QueueAttributeName, String> attributes =
        call(
            () ->
                client()
                    .getQueueAttributes(
                        r ->
                            r.queueUrl(url)
                                .attributeNames(
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes());
    return new long[] {
      Long.parseLong(
          attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")),
      Long.parseLong(
          attributes.getOrDefault(
              QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"))
    };
  }

  /** Whether the last call reached SQS, when, and the last error. */
  public Map<String, Object> state() {
    Map<String, Object> state = new HashMap<>();
    boolean reachable =
        lastFailure == null || (lastSuccess != null && lastSuccess.isAfter(lastFailure));
    state.put("sqs", reachable ? "REACHABLE" : "UNREACHABLE");
    if (lastFailure != null) {
      state.put("lastFailure", lastFailure.toString());
      state.put("lastError", lastError);
    }
    if (lastSuccess != null) {
      state.put("lastSuccess", lastSuccess.toString());
    }
    return state;
  }

  boolean reachable() {
    return "REACHABLE".equals(state().get("sqs"));
  }

  private <T> T call(Supplier<T> request) {
    try {
      T result = request.get();
      lastSuccess = Instant.now();
      return result;
    } catch (RuntimeException e) {
      failed(String.valueOf(e.getMessage()));
      throw new SqsUnavailableException(e.getMessage(), e);
    }
  }

  private static void failIfAny(List<BatchResultErrorEntry> failed) {
    if (!failed.isEmpty()) {
      throw new SqsUnavailableException(
          failed.size() + " entries refused: " + failed.get(0).message());
    }
  }

  private void failed(String error) {
    lastError = error;
    lastFailure = Instant.now();
  }

  private SqsClient client() {
    SqsClient current = client;
    if (current == null) {
      synchronized (this) {
        if (client == null) {
          client = build();
        }
        current = client;
      }
    }
    return current;
  }

  private SqsClient build() {
    AwsCredentialsProvider credentials =
        accessKeyId.isPresent() && secretAccessKey.isPresent()
            ? StaticCredentialsProvider.create(
                AwsBasicCredentials.create(accessKeyId.get(), secretAccessKey.get()))
            : DefaultCredentialsProvider.builder().build();
    SqsClientBuilder builder =
        SqsClient.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(2))
                    // Longer than a long poll's wait.
                    .socketTimeout(Duration.ofSeconds(waitSeconds + 10L))
                    .build())
            .overrideConfiguration(
                o ->
                    o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(waitSeconds + 10L))
                        .apiCallAttemptTimeout(Duration.ofSeconds(waitSeconds + 10L)));
    endpoint.filter(url -> !url.isBlank()).map(URI::create).ifPresent(builder::endpointOverride);
    return builder.build();
  }

  @PreDestroy
  void close() {
    SqsClient current = client;
    if (current != null) {
      current.close();
    }
  }

  private static MessageAttributeValue text(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  private static String text(JsonValue value) {
    return value instanceof JsonString string ? string.getString() : String.valueOf(value);
  }
}
