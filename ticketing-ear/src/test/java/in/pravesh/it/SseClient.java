package in.pravesh.it;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events reader, as a browser's EventSource reads: one thread per stream. HTTP/1.1
 * over a plain socket: java.net.http's client held back the second of two events written together
 * (an occupancy event and its stats event) until more bytes came, where curl and browsers show
 * both; HttpURLConnection cannot be closed while its body is being read.
 */
final class SseClient implements AutoCloseable {

  /** One event: its name, id, data and when it arrived (System.nanoTime). */
  record Event(String name, String id, String data, long arrived) {}

  final int status;
  final String contentType;
  final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Socket socket;
  private final InputStream body;
  private volatile boolean closed;

  private SseClient(Socket socket) throws IOException {
    this.socket = socket;
    InputStream in = new BufferedInputStream(socket.getInputStream());
    String statusLine = line(in);
    this.status = Integer.parseInt(statusLine.split(" ")[1]);
    String type = "";
    boolean chunked = false;
    long length = -1;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      String name = header.substring(0, header.indexOf(':')).strip().toLowerCase(Locale.ROOT);
      String value = header.substring(header.indexOf(':') + 1).strip();
      switch (name) {
        case "content-type" -> type = value;
        case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
        case "content-length" -> length = Long.parseLong(value);
        default -> {}
      }
    }
    this.contentType = type;
    this.body = chunked ? new Chunked(in) : length >= 0 ? new BoundedInputStream(in, length) : in;
    if (status == 200) {
      Thread reader = new Thread(this::read, "sse-client");
      reader.setDaemon(true);
      reader.start();
    }
  }

  static SseClient open(String baseUri, String token, String slug, String lastEventId)
      throws IOException, InterruptedException {
    URI uri =
        URI.create(
            baseUri
                + "/api/admin/stream"
                + (slug == null
                    ? ""
                    : "?event=" + URLEncoder.encode(slug, StandardCharsets.UTF_8)));
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
    StringBuilder request =
        new StringBuilder("GET " + uri.getRawPath())
            .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
            .append(" HTTP/1.1\r\nHost: ")
            .append(uri.getHost())
            .append(':')
            .append(uri.getPort())
            .append("\r\nAccept: text/event-stream\r\n");
    if (token != null) {
      request.append("Authorization: Bearer ").append(token).append("\r\n");
    }
    if (lastEventId != null) {
      request.append("Last-Event-ID: ").append(lastEventId).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    OutputStream out = socket.getOutputStream();
    out.write(request.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
    return new SseClient(socket);
  }

  /** A line of the head, without its CRLF. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  /** A chunked body, decoded as it arrives (each chunk given out as soon as it is read). */
  private static final class Chunked extends InputStream {
    private final InputStream in;
    private long left;
    private boolean done;

    Chunked(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (done) {
        return -1;
      }
      if (left == 0) {
        String size = line(in);
        if (size.isEmpty()) {
          size = line(in); // the CRLF after the previous chunk
        }
        left = Long.parseLong(size.split(";")[0].strip(), 16);
        if (left == 0) {
          done = true;
          return -1;
        }
      }
      int n = in.read(buffer, offset, (int) Math.min(length, left));
      if (n == -1) {
        done = true;
        return -1;
      }
      left -= n;
      return n;
    }
  }

  /** A body of a known length. */
  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long left;

    BoundedInputStream(InputStream in, long length) {
      this.in = in;
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      left--;
      return in.read();
    }
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
      socket.close(); // the reader's blocked read ends
    } catch (IOException e) {
      // closed anyway
    }
  }
}
