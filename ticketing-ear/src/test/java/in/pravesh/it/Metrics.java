package in.pravesh.it;

import io.restassured.RestAssured;

/** Values from a server's Prometheus metrics (management port). */
final class Metrics {

  private Metrics() {}

  /** The sum of a metric's samples over all its labels; 0 when it has none yet. */
  static double value(String managementUri, String name) {
    String text = RestAssured.given().baseUri(managementUri).get("/metrics").asString();
    double sum = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }
}
