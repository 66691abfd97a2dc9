package in.pravesh.registration.application;

import in.pravesh.platform.BusinessException;
import in.pravesh.platform.GroupCommit;
import in.pravesh.platform.ProblemType;
import in.pravesh.registration.application.Registrations.Outcome;
import in.pravesh.registration.application.Registrations.Pending;
import in.pravesh.registration.domain.Registration;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Group commit for web registrations ({@link GroupCommit}): a rush's registrations that arrive
 * while a transaction commits are made together in the next one ({@link
 * Registrations#registerAll}), up to 200 a transaction, so that a slot's row is locked and written
 * once per batch rather than once per registration. Each is answered only after its transaction
 * committed. Metrics {@code pravesh_registration_batches_total}, {@code
 * pravesh_registration_batched_total}.
 */
@ApplicationScoped
public class RegistrationBatches {

  @Inject Registrations registrations;
  @Inject MeterRegistry metrics;
  @Resource ManagedThreadFactory threads;

  @Inject
  @ConfigProperty(name = "ticketing.registration.batch-wait-ms", defaultValue = "10000")
  long waitMillis;

  private GroupCommit<Pending, Outcome> group;

  /** Created, and its writers started, when the application starts (see {@link GroupCommit}). */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // The observer's only purpose is to create the bean (and run @PostConstruct) at startup.
  }

  @PostConstruct
  void start() {
    group =
        new GroupCommit<>(
            "registration",
            registrations::registerAll,
            pending -> registrations.registerAll(List.of(pending)).get(0),
            2,
            200,
            waitMillis,
            threads,
            metrics);
  }

  @PreDestroy
  void stop() {
    group.stop();
  }

  /**
   * A visitor's own registration on the web: PENDING, with its ticket job queued. If its batch does
   * not commit in time, the caller is told to try again (503); the batch may still make it, and the
   * retry then learns it (409 already-registered, with its id).
   */
  public UUID register(Caller caller, NewRegistration request) {
    Outcome outcome;
    try {
      outcome = group.submit(new Pending(caller, request, Registration.Channel.WEB, null));
    } catch (GroupCommit.NotInTime e) {
      throw new BusinessException(
          ProblemType.TRY_AGAIN, "Your registration could not be confirmed in time: send it again");
    }
    return outcome.orThrow();
  }
}
