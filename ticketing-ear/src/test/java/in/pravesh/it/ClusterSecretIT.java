package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cluster's JGroups traffic is authenticated: a node started with another cluster secret is
 * refused by the members (AUTH), never joins their view, and never becomes ready.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClusterSecretIT {

  @Test
  void aNodeWithoutTheClusterSecretCannotJoin() throws Exception {
    ClusterFixture.ensureStarted();
    ClusterFixture.assertFormed();
    ClusterFixture.launch(3, Map.of("TICKETING_CLUSTER_SECRET", "not-the-cluster-secret"));
    try {
      long deadline = System.currentTimeMillis() + 180_000;
      while (System.currentTimeMillis() < deadline
          && !ClusterFixture.log(3).contains("authentication failed")) {
        Thread.sleep(500);
      }
      assertThat(ClusterFixture.log(3)).as("node 3 was refused").contains("authentication failed");
      assertThat(ClusterFixture.log(1) + ClusterFixture.log(2))
          .as("a member refused node 3")
          .containsPattern("failed to validate AuthHeader .* from node-3");
      ClusterFixture.assertFormed(); // still two members on nodes 1 and 2
      assertThat(ready(3)).as("node 3 is ready").isFalse();
    } finally {
      ClusterFixture.kill(3);
    }
  }

  private static boolean ready(int node) {
    try {
      return RestAssured.given()
              .baseUri(ClusterFixture.management(node))
              .get("/health/ready")
              .statusCode()
          == 200;
    } catch (Exception e) { // RestAssured throws ConnectException unchecked
      return false; // not even listening
    }
  }
}
