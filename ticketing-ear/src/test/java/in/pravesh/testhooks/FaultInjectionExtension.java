package in.pravesh.testhooks;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import java.util.Map;
import java.util.Set;

/**
 * Failure injection for the integration tests, packaged only in the test server's EAR (lib/): binds
 * {@link FaultInterceptor} to the production methods where the tests make things go wrong, so that
 * production classes carry no test hook.
 */
public class FaultInjectionExtension implements Extension {

  private static final Map<String, Set<String>> TARGETS =
      Map.of(
          "in.pravesh.registration.application.Registrations", Set.of("registerAll"),
          "in.pravesh.registration.application.RegistrationBatches", Set.of("register"),
          "in.pravesh.ticket.application.TicketIssuer", Set.of("issue"),
          "in.pravesh.platform.PraveshCaches", Set.of("get"),
          "in.pravesh.entry.api.PhotoDecoder", Set.of("read"),
          "in.pravesh.ticket.application.TicketDelivery", Set.of("deliver"));

  /**
   * A line with a phone number in it, as a library might write one: the server's log filter must
   * mask it (ZzzLogPrivacyIT reads the log).
   */
  void announce(@Observes jakarta.enterprise.inject.spi.AfterDeploymentValidation done) {
    java.util.logging.Logger.getLogger(FaultInjectionExtension.class.getName())
        .info("Test hooks ready; log filter sample: +919812340042 and 9812340042");
  }

  <T> void bind(@Observes ProcessAnnotatedType<T> type) {
    Set<String> methods = TARGETS.get(type.getAnnotatedType().getJavaClass().getName());
    if (methods != null) {
      type.configureAnnotatedType()
          .filterMethods(m -> methods.contains(m.getJavaMember().getName()))
          .forEach(m -> m.add(Faults.Literal.INSTANCE));
    }
  }
}
