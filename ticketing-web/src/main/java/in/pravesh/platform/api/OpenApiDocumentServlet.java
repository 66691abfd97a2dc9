package in.pravesh.platform.api;

import in.pravesh.platform.ProblemType;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@code GET /openapi}, the served OpenAPI document, from memory. WildFly's MicroProfile OpenAPI
 * handler writes its model out as YAML or JSON on every request (a few milliseconds of CPU for this
 * document); the model never changes while the application is deployed. The handler is moved to
 * {@value #SOURCE} ({@code mp.openapi.extensions.path}); this servlet asks it once per format, on
 * the server's own HTTP listener, keeps the bytes and answers with an {@code ETag} ({@code
 * If-None-Match} → 304) and {@code Cache-Control}, gzipped when the client accepts it. Format as
 * WildFly's handler chooses it: {@code ?format=JSON|YAML}, else JSON when the {@code Accept} header
 * asks for it, else YAML.
 */
@WebServlet("/openapi")
public class OpenApiDocumentServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(OpenApiDocumentServlet.class.getName());

  /** Where WildFly's handler serves the document (META-INF/microprofile-config.properties). */
  static final String SOURCE = "/openapi-source";

  /** The document is about 156 kB; anything past this is not it. */
  private static final int MAX_BYTES = 16 * 1024 * 1024;

  private final transient HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private enum Format {
    JSON("application/json;charset=UTF-8"),
    YAML("application/yaml;charset=UTF-8");

    final String mediaType;

    Format(String mediaType) {
      this.mediaType = mediaType;
    }
  }

  /** The document, and gzipped (156 kB of YAML become about a tenth of that). */
  private record Document(byte[] bytes, byte[] gzipped, String etag) {}

  /** One fetch per format, shared by the requests that arrive while it runs. */
  private final transient Map<Format, CompletableFuture<Document>> documents =
      new ConcurrentHashMap<>();

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Format format = format(request);
    if (format == null) {
      Problems.write(response, ProblemType.VALIDATION, 400, "format is JSON or YAML");
      return;
    }
    Document document;
    try {
      document = document(format);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "the OpenAPI document could not be read from " + SOURCE, e);
      Problems.write(response, ProblemType.TRY_AGAIN, 503, "The OpenAPI document is not ready yet");
      return;
    }
    response.setHeader("Access-Control-Allow-Origin", "*");
    response.setHeader("Cache-Control", "public, max-age=60");
    response.setHeader("ETag", document.etag());
    response.setHeader("Vary", "Accept, Accept-Encoding");
    String asked = request.getHeader("If-None-Match");
    if (asked != null && (asked.equals("*") || asked.contains(document.etag()))) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return;
    }
    String encodings = request.getHeader("Accept-Encoding");
    byte[] body = document.bytes();
    if (acceptsGzip(encodings)) {
      response.setHeader("Content-Encoding", "gzip");
      body = document.gzipped();
    }
    response.setContentType(format.mediaType);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private Document document(Format format) throws IOException {
    CompletableFuture<Document> mine = new CompletableFuture<>();
    CompletableFuture<Document> shared = documents.putIfAbsent(format, mine);
    if (shared == null) {
      try {
        mine.complete(fetch(format));
      } catch (IOException | RuntimeException e) {
        documents.remove(format, mine); // the next request tries again
        mine.completeExceptionally(e);
      }
      shared = mine;
    }
    try {
      return shared.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } catch (ExecutionException e) {
      throw new IOException(e.getCause());
    }
  }

  /**
   * Asks WildFly's handler on this server, on its own HTTP listener: never an address taken from
   * the request (an AJP or proxied request's server name is the client's to choose, and the answer
   * is kept for everyone). {@code ticketing.openapi.source} overrides the base address.
   */
  private Document fetch(Format format) throws IOException {
    URI source = URI.create(base() + SOURCE + "?format=" + format.name());
    HttpResponse<java.io.InputStream> answer;
    try {
      answer =
          http.send(
              HttpRequest.newBuilder(source).timeout(Duration.ofSeconds(30)).GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    byte[] body;
    try (java.io.InputStream in = answer.body()) {
      body = in.readNBytes(MAX_BYTES + 1);
    }
    if (answer.statusCode() != 200 || body.length > MAX_BYTES) {
      throw new IOException(
          source + " answered " + answer.statusCode() + ", " + body.length + " bytes");
    }
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
      out.write(body);
    }
    return new Document(body, gzipped.toByteArray(), etag(body));
  }

  /** This server's HTTP listener, as its socket binding has it (address, port and offset). */
  private static String base() {
    java.util.Optional<String> configured =
        ConfigProvider.getConfig().getOptionalValue("ticketing.openapi.source", String.class);
    if (configured.isPresent()) {
      return configured.get();
    }
    String host = System.getProperty("jboss.bind.address", "127.0.0.1");
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "127.0.0.1";
    } else if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    int port =
        Integer.getInteger("jboss.http.port", 8080)
            + Integer.getInteger("jboss.socket.binding.port-offset", 0);
    return "http://" + host + ":" + port;
  }

  private static Format format(HttpServletRequest request) {
    String asked = request.getParameter("format");
    if (asked != null) {
      try {
        return Format.valueOf(asked.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    String accept = request.getHeader("Accept");
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("json")
        ? Format.JSON
        : Format.YAML;
  }

  /** Whether {@code Accept-Encoding} accepts gzip (not with {@code q=0}). */
  static boolean acceptsGzip(String encodings) {
    if (encodings == null) {
      return false;
    }
    for (String part : encodings.toLowerCase(Locale.ROOT).split(",")) {
      String[] coding = part.strip().split(";");
      if (coding[0].strip().equals("gzip") || coding[0].strip().equals("*")) {
        for (int i = 1; i < coding.length; i++) {
          String parameter = coding[i].replace(" ", "");
          if (parameter.startsWith("q=") && parameter.substring(2).matches("0(\\.0*)?")) {
            return false;
          }
        }
        return true;
      }
    }
    return false;
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
