package in.pravesh.entry.application;

import in.pravesh.entry.application.AdmissionLedger.Ask;
import in.pravesh.entry.application.AdmissionLedger.Decision;
import in.pravesh.entry.application.AdmissionLedger.Note;
import in.pravesh.platform.GroupCommit;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Group commit for scans ({@link GroupCommit}): the scans that arrive while a transaction commits
 * are decided and recorded together in the next one ({@link AdmissionLedger#decideAll}), up to 200
 * a transaction. Each scan is answered only after its transaction committed, so a ticket is
 * admitted exactly when its admission row is committed, as before. A batch waits at most 200 ms for
 * a ticket's lock (a cancellation holding one must not stall 200 scans); a scan decided alone (its
 * batch failed) waits for it. Metrics {@code pravesh_scan_batches_total}, {@code
 * pravesh_scan_batched_total}.
 */
@ApplicationScoped
public class ScanBatches {

  @Inject AdmissionLedger ledger;
  @Inject MeterRegistry metrics;
  @Resource ManagedThreadFactory threads;

  @Inject
  @ConfigProperty(name = "ticketing.entry.batch-wait-ms", defaultValue = "10000")
  long waitMillis;

  private GroupCommit<Item, Decision> group;

  /** A scan waiting for its batch: to decide ({@code ask}) or only to record ({@code note}). */
  private record Item(Ask ask, Note note) {}

  /** Created, and its writers started, when the application starts (see {@link GroupCommit}). */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    // The observer's only purpose is to create the bean (and run @PostConstruct) at startup.
  }

  @PostConstruct
  void start() {
    group =
        new GroupCommit<>("scan", this::decide, this::alone, 2, 200, waitMillis, threads, metrics);
  }

  @PreDestroy
  void stop() {
    group.stop();
  }

  /** Decides a scan of a ticket in the next batch; see {@link AdmissionLedger#decideAll}. */
  public Decision admit(Ask ask) {
    return group.submit(new Item(ask, null));
  }

  /** Records a scan answered without the database, in the next batch. */
  public void record(Note note) {
    group.submit(new Item(null, note));
  }

  /** A batch in one transaction: a decision per scan to decide, null for a scan only recorded. */
  private List<Decision> decide(List<Item> batch) {
    List<Ask> asks = new ArrayList<>();
    List<Note> notes = new ArrayList<>();
    for (Item item : batch) {
      if (item.ask() != null) {
        asks.add(item.ask());
      } else {
        notes.add(item.note());
      }
    }
    List<Decision> decisions = ledger.decideAll(asks, notes, false);
    List<Decision> results = new ArrayList<>(batch.size());
    int next = 0;
    for (Item item : batch) {
      results.add(item.ask() != null ? decisions.get(next++) : null);
    }
    return results;
  }

  /** One scan in a transaction of its own, waiting for the ticket's lock if it must. */
  private Decision alone(Item item) {
    List<Decision> decided =
        item.ask() != null
            ? ledger.decideAll(List.of(item.ask()), List.of(), true)
            : ledger.decideAll(List.of(), List.of(item.note()), true);
    return decided.isEmpty() ? null : decided.get(0);
  }
}
