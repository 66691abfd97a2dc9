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

/**
 * {@code GET /openapi}, the served OpenAPI document, from memory. WildFly's MicroProfile OpenAPI
 * handler writes its model out as YAML or JSON on every request (a few milliseconds of CPU for this
 * document); the model never changes while the application is deployed. The handler is moved to
 * {@value #SOURCE} ({@code mp.openapi.extensions.path}); this servlet asks it once per format, over
 * the address the request came in on, keeps the bytes and answers with an {@code ETag} ({@code
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

  private static final HttpClient HTTP =
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
      document = document(request, format);
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
    if (encodings != null && encodings.toLowerCase(Locale.ROOT).contains("gzip")) {
      response.setHeader("Content-Encoding", "gzip");
      body = document.gzipped();
    }
    response.setContentType(format.mediaType);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private Document document(HttpServletRequest request, Format format) throws IOException {
    CompletableFuture<Document> mine = new CompletableFuture<>();
    CompletableFuture<Document> shared = documents.putIfAbsent(format, mine);
    if (shared == null) {
      try {
        mine.complete(fetch(request, format));
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

  /** Asks WildFly's handler on this server, through the listener this request came in on. */
  private static Document fetch(HttpServletRequest request, Format format) throws IOException {
    String host = request.getLocalAddr();
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    URI source =
        URI.create(
            request.getScheme()
                + "://"
                + host
                + ":"
                + request.getLocalPort()
                + SOURCE
                + "?format="
                + format.name());
    HttpResponse<byte[]> answer;
    try {
      answer =
          HTTP.send(
              HttpRequest.newBuilder(source).timeout(Duration.ofSeconds(30)).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    if (answer.statusCode() != 200) {
      throw new IOException(source + " answered " + answer.statusCode());
    }
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
      out.write(answer.body());
    }
    return new Document(answer.body(), gzipped.toByteArray(), etag(answer.body()));
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

  private static String etag(byte[] bytes) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
