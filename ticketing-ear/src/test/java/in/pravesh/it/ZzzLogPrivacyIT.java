package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Last of all: after every test has run, no server log (the test server's and the cluster nodes')
 * holds a phone number unmasked, and the log filter masked the sample line the test hooks write.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ZzzLogPrivacyIT {

  // Not inside a longer run of letters and digits: a content hash (WildFly names deployments by
  // one) can hold ten digits that look like a mobile number.
  private static final Pattern PHONE =
      Pattern.compile("(?<![0-9A-Za-z*])(\\+91)?[6-9][0-9]{9}(?![0-9A-Za-z])");

  @Test
  void noServerLogHoldsAnUnmaskedPhoneNumber() throws Exception {
    Path build = Path.of(System.getProperty("it.base.dir")).getParent();
    List<Path> logs = new ArrayList<>();
    try (Stream<Path> files = Files.walk(build)) {
      files
          .filter(f -> f.getFileName().toString().startsWith("server.log"))
          .filter(f -> f.getParent().getFileName().toString().equals("log"))
          .forEach(logs::add);
    }
    assertThat(logs).isNotEmpty();
    boolean sampleSeen = false;
    List<String> leaks = new ArrayList<>();
    for (Path log : logs) {
      for (String line : Files.readAllLines(log, java.nio.charset.StandardCharsets.UTF_8)) {
        if (line.contains("log filter sample: +91******0042 and ******0042")) {
          sampleSeen = true;
        }
        if (PHONE.matcher(line).find()) {
          leaks.add(log.getFileName() + ": " + line);
        }
      }
    }
    assertThat(sampleSeen).as("the test hooks' sample line, masked").isTrue();
    assertThat(leaks).as("log lines with a phone number").isEmpty();
  }
}
