package in.pravesh.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * WhatsApp conversations against a running development server ({@code ./pravesh dev}): N numbers
 * each hold the whole conversation (the demo event's slug, 1, a name, the second slot (tomorrow), 1
 * person, yes) through signed webhook calls, C conversations at a time. Prints the webhook's answer
 * times (what Twilio waits for: it gives up at 15 s), messages per second, and how long until every
 * conversation's ticket was sent.
 *
 * <p>Run by {@code ./pravesh bench}; arguments: N (default 300), C (default 32).
 */
public final class WhatsAppBench {

  static final String PUBLIC_URL = "http://localhost:8080/api/whatsapp/webhook";

  public static void main(String[] args) throws Exception {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    String base = System.getProperty("bench.base", "http://localhost:8080");
    String db = System.getProperty("bench.db.url", "jdbc:postgresql://localhost:5432/pravesh");
    HttpClient http =
        HttpClient.newBuilder().executor(Executors.newFixedThreadPool(concurrency)).build();
    String prefix = "+9193" + ThreadLocalRandom.current().nextInt(10, 100);
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    List<String> failures = Collections.synchronizedList(new ArrayList<>());

    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    long start = System.nanoTime();
    List<Future<?>> conversations = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      String phone = prefix + String.format("%06d", i);
      conversations.add(
          pool.submit(
              () -> {
                for (String text :
                    List.of("demo-book-fair", "1", "Bench " + phone, "2", "1", "yes")) {
                  long sent = System.nanoTime();
                  String answer = say(http, base, phone, text);
                  latencies.add(System.nanoTime() - sent);
                  if (!answer.contains("<Message>")) {
                    failures.add(phone + " " + text + ": " + answer);
                  }
                }
                return null;
              }));
    }
    for (Future<?> conversation : conversations) {
      conversation.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();

    long ticketed = 0;
    long deadline = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < deadline) {
      ticketed = tickets(db, prefix);
      if (ticketed >= total) {
        break;
      }
      Thread.sleep(250);
    }
    double untilTickets = (System.nanoTime() - start) / 1e9;

    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    System.out.printf(
        "  %d conversations (%d messages, %d at a time) in %.1f s: %.0f messages/s;"
            + " answer p50 %d ms, p95 %d ms, p99 %d ms, max %d ms; %d answers without a message%n",
        total,
        sorted.size(),
        concurrency,
        seconds,
        sorted.size() / seconds,
        percentile(sorted, 0.50),
        percentile(sorted, 0.95),
        percentile(sorted, 0.99),
        percentile(sorted, 1.0),
        failures.size());
    System.out.printf(
        "  tickets sent in the chat: %d of %d, the last %.1f s after the first message%n",
        ticketed, total, untilTickets);
    failures.stream().limit(3).forEach(f -> System.out.println("  for example: " + f));
    System.exit(0);
  }

  static String say(HttpClient http, String base, String phone, String text) throws Exception {
    Map<String, String> form = new TreeMap<>();
    form.put("Body", text);
    form.put("From", "whatsapp:" + phone);
    form.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
    StringBuilder data = new StringBuilder(PUBLIC_URL);
    StringBuilder body = new StringBuilder();
    form.forEach(
        (name, value) -> {
          data.append(name).append(value);
          body.append(body.length() == 0 ? "" : "&")
              .append(name)
              .append('=')
              .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec("dev-twilio-token".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    String signature =
        Base64.getEncoder()
            .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/whatsapp/webhook"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Twilio-Signature", signature)
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  static long tickets(String url, String prefix) throws Exception {
    try (Connection db = DriverManager.getConnection(url, "pravesh", "pravesh");
        PreparedStatement count =
            db.prepareStatement(
                "select count(distinct recipient) from message where kind = 'ticket'"
                    + " and channel = 'whatsapp' and recipient like ?")) {
      count.setString(1, prefix + "%");
      ResultSet row = count.executeQuery();
      row.next();
      return row.getLong(1);
    }
  }

  static long percentile(List<Long> sorted, double p) {
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1_000_000;
  }
}
