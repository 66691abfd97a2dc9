package in.pravesh.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A Server-Sent Events reader, as a browser's EventSource reads: one thread per stream. */
final class SseClient implements AutoCloseable {

  /** One event: its name, id, data and when it arrived (System.nanoTime). */
  record Event(String name, String id, String data, long arrived) {}

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final int status;
  final String contentType;
  final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final InputStream body;
  private volatile boolean closed;

  private SseClient(HttpResponse<InputStream> response) {
    this.status = response.statusCode();
    this.contentType = response.headers().firstValue("Content-Type").orElse("");
    this.body = response.body();
    if (status == 200) {
      Thread reader = new Thread(this::read, "sse-client");
      reader.setDaemon(true);
      reader.start();
    }
  }

  static SseClient open(String baseUri, String token, String slug, String lastEventId)
      throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(
                URI.create(
                    baseUri
                        + "/api/admin/stream"
                        + (slug == null
                            ? ""
                            : "?event=" + URLEncoder.encode(slug, StandardCharsets.UTF_8))))
            .header("Accept", "text/event-stream");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
  }

  /** The next event within {@code millis}, or null. */
  Event next(long millis) throws InterruptedException {
    return events.poll(millis, TimeUnit.MILLISECONDS);
  }

  /** The body of an error answer. */
  String errorBody() throws IOException {
    try (var in = body) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private void read() {
    try (var lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String name = "message";
      String id = null;
      StringBuilder data = new StringBuilder();
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isEmpty()) {
          if (data.length() > 0) {
            events.add(new Event(name, id, data.toString(), System.nanoTime()));
          }
          name = "message";
          data.setLength(0);
        } else if (line.startsWith("event:")) {
          name = line.substring(6).strip();
        } else if (line.startsWith("id:")) {
          id = line.substring(3).strip();
        } else if (line.startsWith("data:")) {
          if (data.length() > 0) {
            data.append('\n');
          }
          data.append(line.substring(5).strip());
        }
      }
    } catch (IOException e) {
      if (!closed) {
        events.add(new Event("error", null, e.toString(), System.nanoTime()));
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      body.close(); // an unfinished body: the connection is closed
    } catch (IOException e) {
      // closed anyway
    }
  }
}
