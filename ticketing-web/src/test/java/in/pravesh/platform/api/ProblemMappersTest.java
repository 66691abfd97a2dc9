package in.pravesh.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import in.pravesh.platform.BusinessException;
import in.pravesh.platform.ProblemType;
import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(Response response) {
    return (Map<String, Object>) response.getEntity();
  }

  @Test
  void malformedJsonIsAValidationProblem() {
    var e = new ProcessingException("RESTEASY008200", new JsonbException("Unexpected char"));

    Response response = new MalformedInputMapper().toResponse(e);

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
    assertThat(body(response))
        .containsEntry("type", "urn:pravesh:problem:validation")
        .containsEntry("status", 400);
  }

  @Test
  void aBodyOverTheLimitFoundWhileReadingIs413() {
    var e =
        new ProcessingException(new RuntimeException(new BodyLimitFilter.TooLargeException(1024)));

    Response response = new MalformedInputMapper().toResponse(e);

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(body(response)).containsEntry("type", "urn:pravesh:problem:payload-too-large");
  }

  @Test
  void wrongContentTypeIs415() {
    Response response = new WebApplicationExceptionMapper().toResponse(new NotSupportedException());

    assertThat(response.getStatus()).isEqualTo(415);
    assertThat(body(response))
        .containsEntry("type", "urn:pravesh:problem:unsupported-media-type")
        .containsEntry("status", 415);
  }

  @Test
  void wrongMethodIs405WithAllowAndAMatchingStatusInTheBody() {
    var e = new NotAllowedException("GET", new String[] {"HEAD"});

    Response response = new WebApplicationExceptionMapper().toResponse(e);

    assertThat(response.getStatus()).isEqualTo(405);
    assertThat(response.getHeaderString("Allow")).contains("GET");
    assertThat(body(response)).containsEntry("status", 405);
  }

  @Test
  void businessFailuresKeepTheirTypeAndExtensions() {
    var e = new BusinessException(ProblemType.SLOT_FULL, "Full", Map.of("remaining", 3));

    Response response = new UnexpectedFailureMapper().toResponse(new EJBException(e));

    assertThat(response.getStatus()).isEqualTo(409);
    assertThat(body(response))
        .containsEntry("type", "urn:pravesh:problem:slot-full")
        .containsEntry("remaining", 3);
  }

  @Test
  void anUnexpectedFailureIs500WithAnIncidentIdThatIsLoggedAndNoStackTrace() {
    var logged = new StringBuilder();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            logged.append(record.getMessage()).append(record.getThrown());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger(UnexpectedFailureMapper.class.getName());
    logger.addHandler(capture);
    try {
      Response response =
          new UnexpectedFailureMapper()
              .toResponse(new EJBException(new IllegalStateException("db password is hunter2")));

      assertThat(response.getStatus()).isEqualTo(500);
      String incidentId = (String) body(response).get("incidentId");
      assertThat(incidentId).isNotBlank();
      assertThat(logged).contains(incidentId).contains("hunter2");
      assertThat(body(response).toString())
          .doesNotContain("hunter2")
          .doesNotContain("Exception")
          .doesNotContain("at in.pravesh");
    } finally {
      logger.removeHandler(capture);
    }
  }
}
