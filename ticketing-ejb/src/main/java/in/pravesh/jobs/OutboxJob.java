package in.pravesh.jobs;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A job made in a transaction and not yet on its queue (see {@link JobRelay}). Its id comes from a
 * pooled sequence, so persisting one costs no round trip: the row is inserted with the caller's own
 * rows when the transaction flushes.
 */
@Entity
@Table(name = "job_outbox")
class OutboxJob {

  /** Looked up once: {@code Json.createX()} asks the ServiceLoader for a provider every time. */
  private static final JsonProvider JSON = JsonProvider.provider();

  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "job_outbox_seq")
  @SequenceGenerator(name = "job_outbox_seq", sequenceName = "job_outbox_seq", allocationSize = 50)
  private Long id;

  @Column(nullable = false)
  private String queue;

  @Column(name = "job_id", nullable = false)
  private String jobId;

  @Column(nullable = false)
  private String body;

  @Column(nullable = false)
  private String properties;

  @Column(nullable = false)
  private int priority;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected OutboxJob() {}

  OutboxJob(
      String queue,
      String jobId,
      String body,
      Map<String, String> properties,
      int priority,
      Instant createdAt) {
    JsonObjectBuilder json = JSON.createObjectBuilder();
    properties.forEach(json::add);
    this.queue = queue;
    this.jobId = jobId;
    this.body = body;
    this.properties = json.build().toString();
    this.priority = priority;
    this.createdAt = createdAt;
  }

  String queue() {
    return queue;
  }

  String jobId() {
    return jobId;
  }

  String body() {
    return body;
  }

  int priority() {
    return priority;
  }

  Map<String, String> properties() {
    Map<String, String> map = new LinkedHashMap<>();
    try (JsonReader reader = JSON.createReader(new StringReader(properties))) {
      // Any value becomes a string property: a row written by hand cannot stop the relay.
      reader
          .readObject()
          .forEach(
              (name, value) ->
                  map.put(
                      name,
                      value instanceof JsonString text ? text.getString() : value.toString()));
    }
    return map;
  }
}
