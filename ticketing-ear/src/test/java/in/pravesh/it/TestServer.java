package in.pravesh.it;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Where the test server and its database are (see the failsafe configuration). */
final class TestServer {

  static final int OFFSET = Integer.getInteger("it.port.offset", 100);
  static final String HTTP = "http://localhost:" + (8080 + OFFSET);
  static final String HTTPS = "https://localhost:" + (8443 + OFFSET);
  static final String MANAGEMENT = "http://localhost:" + (9990 + OFFSET);

  static {
    // Every response of the API is checked against the served OpenAPI document.
    RestAssured.filters(new OpenApiValidation());
    // Each test class writes from its own client address (see OwnClientAddress).
    RestAssured.filters(
        (request, response, context) -> {
          if (!request.getHeaders().hasHeaderWithName("X-Forwarded-For")) {
            request.header("X-Forwarded-For", OwnClientAddress.current());
          }
          return context.next(request, response);
        });
  }

  private TestServer() {}

  /** Requests to the application's port. */
  static RequestSpecification api() {
    return RestAssured.given().baseUri(HTTP);
  }

  /** Requests to the management port (health, metrics). */
  static RequestSpecification management() {
    return RestAssured.given().baseUri(MANAGEMENT);
  }

  /** A connection to the test server's database, for checks the API cannot make. */
  static Connection database() throws SQLException {
    return database(System.getProperty("it.db.url"));
  }

  static Connection database(String url) throws SQLException {
    return DriverManager.getConnection(
        url, System.getProperty("it.db.user"), System.getProperty("it.db.password"));
  }
}
