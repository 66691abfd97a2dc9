package in.pravesh.sqs;

import java.net.URI;
import java.util.Map;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ElasticMQ, a real server that speaks the SQS protocol, on a loopback port, with Pravesh's two job
 * queues and their dead-letter queues: the ticket queue FIFO, the notification queue standard (so
 * that both kinds are exercised), each moving a job to its dead-letter queue after {@link
 * #MAX_RECEIVES} receives. Used by the integration tests and by {@code ./pravesh dev --sqs}, which
 * runs {@link #main}. In memory: a stop loses the messages, as the tests expect only of an empty
 * server.
 */
public final class LocalSqs implements AutoCloseable {

  public static final String TICKETS = "pravesh-tickets.fifo";
  public static final String NOTIFICATIONS = "pravesh-notifications";
  public static final int MAX_RECEIVES = 3;
  static final String KEY = "local";

  private final int port;
  private final int visibilitySeconds;
  private SQSRestServer server;

  public LocalSqs(int port, int visibilitySeconds) {
    this.port = port;
    this.visibilitySeconds = visibilitySeconds;
  }

  /** Starts the server and makes the queues. */
  public synchronized LocalSqs start() {
    server =
        SQSRestServerBuilder.withInterface("127.0.0.1")
            .withPort(port)
            .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
            .start();
    server.waitUntilStarted();
    try (SqsClient sqs = client()) {
      queue(sqs, TICKETS, "pravesh-tickets-dead.fifo");
      queue(sqs, NOTIFICATIONS, "pravesh-notifications-dead");
    }
    return this;
  }

  /** Stops the server: SQS is unreachable until {@link #start} again. */
  public synchronized void stop() {
    if (server != null) {
      server.stopAndWait();
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** The settings a node needs to bridge its jobs to this server (environment variables). */
  public Map<String, String> environment() {
    return Map.of(
        "TICKETING_SQS_ENDPOINT", endpoint(),
        "TICKETING_SQS_REGION", "us-east-1",
        "TICKETING_SQS_ACCESS_KEY_ID", KEY,
        "TICKETING_SQS_SECRET_ACCESS_KEY", KEY,
        "TICKETING_SQS_TICKET_QUEUE", TICKETS,
        "TICKETING_SQS_NOTIFICATION_QUEUE", NOTIFICATIONS);
  }

  /** A client of this server, for tests that look inside the queues. */
  public SqsClient client() {
    return SqsClient.builder()
        .endpointOverride(URI.create(endpoint()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, KEY)))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private void queue(SqsClient sqs, String name, String deadName) {
    boolean fifo = name.endsWith(".fifo");
    String deadUrl =
        sqs.createQueue(
                r ->
                    r.queueName(deadName)
                        .attributes(
                            fifo ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of()))
            .queueUrl();
    String deadArn =
        sqs.getQueueAttributes(
                r -> r.queueUrl(deadUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    var attributes =
        new java.util.HashMap<QueueAttributeName, String>(
            Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT,
                String.valueOf(visibilitySeconds),
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\""
                    + deadArn
                    + "\",\"maxReceiveCount\":\""
                    + MAX_RECEIVES
                    + "\"}"));
    if (fifo) {
      attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
    }
    sqs.createQueue(r -> r.queueName(name).attributes(attributes));
  }

  /**
   * Runs ElasticMQ for {@code ./pravesh dev --sqs} until killed: port (default 9324) and visibility
   * timeout in seconds (default 420) as arguments.
   */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 9324;
    int visibility = args.length > 1 ? Integer.parseInt(args[1]) : 420;
    LocalSqs sqs = new LocalSqs(port, visibility).start();
    System.out.println(
        "ElasticMQ (SQS) on "
            + sqs.endpoint()
            + ": queues "
            + TICKETS
            + ", "
            + NOTIFICATIONS
            + " and their dead-letter queues");
    Runtime.getRuntime().addShutdownHook(new Thread(sqs::stop));
    Thread.currentThread().join();
  }
}
