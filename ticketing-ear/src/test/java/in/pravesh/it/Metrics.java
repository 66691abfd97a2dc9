package in.pravesh.it;

import io.restassured.RestAssured;

/** Values from a server's Prometheus metrics (management port). */
final class Metrics {

  private Metrics() {}

  /**
   * The sum of a metric's samples whose labels include {@code labels} (e.g. {@code
   * reason="degraded"}); 0 when it has none yet.
   */
  static double value(String managementUri, String name, String... labels) {
    String text = RestAssured.given().baseUri(managementUri).get("/metrics").asString();
    double sum = 0;
    for (String line : text.split("\n")) {
      boolean labelled =
          line.startsWith(name + "{")
              && java.util.Arrays.stream(labels).allMatch(l -> line.indexOf(l) > 0);
      if ((labels.length == 0 && line.startsWith(name + " ")) || labelled) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }
}
