package in.pravesh.entry.application;

import in.pravesh.entry.application.AdmissionLedger.Ask;
import in.pravesh.entry.application.AdmissionLedger.DecidedBy;
import in.pravesh.entry.application.AdmissionLedger.Decision;
import in.pravesh.entry.application.AdmissionLedger.EntryState;
import in.pravesh.entry.application.AdmissionLedger.Note;
import in.pravesh.entry.domain.Direction;
import in.pravesh.entry.domain.EntryMark;
import in.pravesh.entry.domain.EntryMark.Admitted;
import in.pravesh.entry.domain.EntryMark.Claim;
import in.pravesh.entry.domain.Repeats;
import in.pravesh.entry.domain.ScanOutcome;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.Counters;
import in.pravesh.platform.PraveshCaches;
import in.pravesh.platform.ProblemType;
import in.pravesh.ticket.application.TicketKeys;
import in.pravesh.ticket.domain.TicketCodes;
import in.pravesh.ticket.domain.TicketToken;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.infinispan.Cache;

/**
 * Scans at the gates: exactly one scan of a ticket answers ADMITTED, on whatever gate and node.
 *
 * <ol>
 *   <li>The token's signature is checked first: a forged or garbled token is INVALID without a
 *       database read. Another event or another date is refused from the token.
 *   <li>The replicated {@code entry} cache is the cluster-wide lock: {@code
 *       putIfAbsent(ticket:date, claim)}. The claimant lets the database decide (an insert, unique
 *       on ticket and date) and, after the commit, replaces the claim by the admission record.
 *   <li>A scan that finds the record answers ALREADY_ADMITTED from it, without a database read (a
 *       record is written only after its commit). One that finds another scan's claim waits briefly
 *       for the record.
 *   <li>The database's work is done in batches ({@link ScanBatches}): each scan is answered after
 *       the commit of the transaction that decided or recorded it.
 *   <li>Whenever the cache cannot answer quickly (degraded partition, error, a claim that stays, a
 *       timeout of about 50 ms), the database alone decides, which is always correct: the cache
 *       only saves database work, it never admits.
 * </ol>
 */
@ApplicationScoped
public class Gatekeeper {

  private static final Logger LOG = Logger.getLogger(Gatekeeper.class.getName());
  private static final long CLAIM_LIFESPAN_MILLIS = 30_000;
  private static final long RECORD_LIFESPAN_DAYS = 3;

  @Inject PraveshCaches caches;
  @Inject AdmissionLedger ledger;
  @Inject ScanBatches batches;
  @Inject GateDirectory gates;
  @Inject TicketKeys keys;
  @Inject Clock clock;
  @Inject Counters counters;

  @Inject
  @ConfigProperty(name = "ticketing.entry.cache-timeout-ms", defaultValue = "50")
  long cacheTimeoutMillis;

  @Inject
  @ConfigProperty(name = "ticketing.entry.claim-wait-ms", defaultValue = "300")
  long claimWaitMillis;

  @Inject
  @ConfigProperty(name = "ticketing.entry.stale-claim-ms", defaultValue = "3000")
  long staleClaimMillis;

  private static final int VERIFIED_TOKENS_KEPT = 50_000;
  private final Map<String, TicketToken> verifiedTokens = new ConcurrentHashMap<>();

  /** Per event, whether the venue was crowded at this node's last database decision. */
  private final Map<java.util.UUID, Boolean> crowded = new ConcurrentHashMap<>();

  private final String node = System.getProperty("jboss.node.name", "node");

  public ScanResult scan(Scan scan) {
    GateInfo gate =
        gates
            .find(scan.gateId(), scan.offline())
            .orElseThrow(() -> BusinessException.invalid("gateId", "No such gate"));
    ScanResult result;
    try {
      result = decide(gate, scan);
    } catch (EJBException | PersistenceException e) {
      LOG.log(Level.WARNING, "a scan could not be decided: the scanner is told to try again", e);
      counters.increment("pravesh_scans_undecided");
      throw new BusinessException(
          ProblemType.TRY_AGAIN, "The admission cannot be decided right now: scan again");
    }
    counters.increment("pravesh_scans", "outcome", result.outcome().name());
    return result;
  }

  private ScanResult decide(GateInfo gate, Scan scan) {
    // Milliseconds: what the cache's record keeps, so every answer shows the same time. A scan made
    // offline is decided as of when it was made (its date, its admission's time).
    Instant now =
        (scan.scannedAt() != null ? scan.scannedAt() : clock.instant())
            .truncatedTo(ChronoUnit.MILLIS);
    LocalDate today = now.atZone(gate.zone()).toLocalDate();
    ScanResult result;
    if (scan.token() != null) {
      Optional<TicketToken> token = verified(scan.token().strip());
      if (token.isEmpty()) {
        result = invalid(gate, scan, now);
      } else if (!token.get().eventId().equals(gate.eventId())) {
        result = ledger.refuse(token.get().ticketId(), ScanOutcome.WRONG_EVENT, gate, scan, now);
      } else if (!token.get().date().equals(today)) {
        result = ledger.refuse(token.get().ticketId(), ScanOutcome.WRONG_DATE, gate, scan, now);
      } else {
        result = admit(token.get().ticketId(), gate, scan, now, today);
      }
    } else {
      Optional<String> ticketId = ledger.ticketIdByCode(gate, TicketCodes.normalize(scan.code()));
      result =
          ticketId.isPresent()
              ? admit(ticketId.get(), gate, scan, now, today)
              : invalid(gate, scan, now);
    }
    return result;
  }

  /**
   * A token's verified content. Verifying an Ed25519 signature is the costliest step of a scan, and
   * a gate sees the same valid tokens again (a second scan, a visitor at two gates): valid ones are
   * remembered, forged ones never are (they would fill the memory), up to a bound.
   */
  private Optional<TicketToken> verified(String text) {
    TicketToken known = verifiedTokens.get(text);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<TicketToken> token = TicketToken.verify(text, keys::publicKey);
    if (token.isPresent()) {
      if (verifiedTokens.size() >= VERIFIED_TOKENS_KEPT) {
        verifiedTokens.clear();
      }
      verifiedTokens.put(text, token.get());
    }
    return token;
  }

  /**
   * A scan of a ticket that may move today: answered from the ticket's mark when the mark decides
   * it (a repeat); otherwise claimed, decided by the database and published (an admission, an exit,
   * a re-entry); decided by the database alone whenever the cache cannot help quickly.
   */
  private ScanResult admit(
      String ticketId, GateInfo gate, Scan scan, Instant now, LocalDate today) {
    String key = ticketId + ":" + today;
    Ask ask = new Ask(ticketId, gate, scan, scanKey(scan), now, today);
    Cache<String, String> cache = caches.get(PraveshCaches.ENTRY);
    if (!PraveshCaches.available(cache)) {
      // A minority partition: the cache refuses every call, and the database decides alone.
      counters.increment("pravesh_entry_cache_fallbacks", "reason", "degraded");
      return decided(gate, batches.admit(ask));
    }
    String fallback = "contended";
    try {
      String text = within(cache.getAsync(key));
      for (int round = 0; round < 3; round++) {
        EntryMark mark = EntryMark.parse(text);
        if (mark instanceof Claim claim && !claim.isStale(clock.millis(), staleClaimMillis)) {
          text = awaitRecord(cache, key, text);
          mark = EntryMark.parse(text);
        }
        if (mark instanceof Admitted admitted) {
          ScanOutcome known =
              Repeats.answer(
                  scan.direction(),
                  admitted.inside(),
                  admitted.scanKey(),
                  admitted.moveKeys(),
                  ask.scanKey());
          if (known != null) {
            return fromCache(known, admitted, ask);
          }
        } else if (mark != null) {
          fallback = mark instanceof Claim ? "claim-pending" : "unreadable";
          break;
        } else if (scan.direction() == Direction.OUT) {
          // Nothing to claim over: the database answers (NOT_INSIDE, unless the mark was lost).
          fallback = "no-mark";
          break;
        }
        Claim ours = new Claim(node, clock.millis());
        String current = claim(cache, key, text, ours);
        if (ours.text().equals(current)) {
          return decideAsClaimant(cache, key, ours, ask);
        }
        text = current; // another scan changed the mark meanwhile: look again
      }
    } catch (TimeoutException e) {
      fallback = "timeout";
    } catch (ExecutionException | RuntimeException e) {
      // Degraded partition (AvailabilityException), a node leaving mid-call, ...
      fallback = "unavailable";
      PraveshCaches.logUnavailable(LOG, "Admissions decided by the database alone", e);
    }
    counters.increment("pravesh_entry_cache_fallbacks", "reason", fallback);
    Decision decision = batches.admit(ask);
    publish(cache, key, decision, null);
    return decided(gate, decision);
  }

  /**
   * Puts our claim on the ticket: over no mark ({@code putIfAbsent}) or over exactly the record
   * {@code seen} ({@code replace}). Returns our claim's text if we hold it, else the mark now
   * there.
   */
  private String claim(Cache<String, String> cache, String key, String seen, Claim ours)
      throws TimeoutException, ExecutionException {
    CompletableFuture<Boolean> claiming =
        seen == null
            ? cache
                .putIfAbsentAsync(key, ours.text(), CLAIM_LIFESPAN_MILLIS, TimeUnit.MILLISECONDS)
                .thenApply(previous -> previous == null)
            : cache.replaceAsync(
                key, seen, ours.text(), CLAIM_LIFESPAN_MILLIS, TimeUnit.MILLISECONDS);
    boolean won;
    try {
      won = within(claiming);
    } catch (TimeoutException e) {
      // Should the claim land after we stopped waiting, nobody would act on it or remove it, and
      // the ticket's next scans would wait on it: take it back once it lands (only if it is still
      // our claim; no mark at all is always safe: the database then answers). The database
      // decides this scan meanwhile.
      claiming.thenAccept(
          landed -> {
            if (Boolean.TRUE.equals(landed)) {
              PraveshCaches.quietly(cache.removeAsync(key, ours.text()), LOG);
            }
          });
      throw e;
    }
    return won ? ours.text() : within(cache.getAsync(key));
  }

  private ScanResult decideAsClaimant(
      Cache<String, String> cache, String key, Claim claim, Ask ask) {
    Decision decision;
    try {
      decision = batches.admit(ask);
    } catch (RuntimeException e) {
      PraveshCaches.quietly(cache.removeAsync(key, claim.text()), LOG);
      throw e;
    }
    if (decision.state() != null) {
      publish(cache, key, decision, claim.text());
    } else {
      PraveshCaches.quietly(cache.removeAsync(key, claim.text()), LOG);
    }
    return decided(ask.gate(), decision);
  }

  /** Waits a little for the claimant's record; the claim itself if it does not come in time. */
  private String awaitRecord(Cache<String, String> cache, String key, String claim)
      throws TimeoutException, ExecutionException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(claimWaitMillis);
    String text = claim;
    while (EntryMark.parse(text) instanceof Claim && System.nanoTime() < deadline) {
      pause();
      text = within(cache.getAsync(key));
    }
    // The claimant found nothing to admit (revoked, another date, full) and let go: decide anew.
    return text;
  }

  private ScanResult fromCache(ScanOutcome outcome, Admitted admitted, Ask ask) {
    counters.increment("pravesh_entry_cache_hits");
    ScanResult result =
        ScanResult.admission(
                outcome, admitted.ticket(), admitted.at(), admitted.gate(), ask.gate().zone())
            .crowded(Boolean.TRUE.equals(crowded.get(ask.gate().eventId())));
    try {
      batches.record(new Note(ask.scan(), ask.gate(), result, DecidedBy.CACHE, ask.now()));
    } catch (EJBException | PersistenceException e) {
      // The answer stands (the state is committed); only the counter misses this scan.
      LOG.log(Level.WARNING, "a scan answered from the cache was not recorded", e);
      counters.increment("pravesh_scans_unrecorded");
    }
    return result;
  }

  /** A database decision's answer; whether the venue is crowded is remembered for the cache's. */
  private ScanResult decided(GateInfo gate, Decision decision) {
    crowded.put(gate.eventId(), decision.result().crowded());
    return decision.result();
  }

  /** A scan the token (or code) alone answers INVALID. */
  private ScanResult invalid(GateInfo gate, Scan scan, Instant now) {
    ScanResult result = ScanResult.of(ScanOutcome.INVALID, null);
    batches.record(new Note(scan, gate, result, DecidedBy.TOKEN, now));
    return result;
  }

  /**
   * After the commit: the ticket's record, for later scans on any node. It replaces {@code
   * expected} (our claim) or whatever older mark is there, never a record with as many moves
   * (written after a later commit): the moves are the record's version. Should that fail, the mark
   * is removed (no mark is always safe: the database then answers), and counted if even that fails.
   */
  private void publish(
      Cache<String, String> cache, String key, Decision decision, String expected) {
    EntryState state = decision.state();
    if (state == null || !PraveshCaches.available(cache)) {
      if (expected != null) {
        PraveshCaches.quietly(cache.removeAsync(key, expected), LOG);
      }
      return;
    }
    ScanResult result = decision.result();
    Admitted record =
        new Admitted(
            state.admittedAt(),
            state.firstGate(),
            state.admitScanKey(),
            state.inside(),
            state.moves(),
            state.moveKeys(),
            result.ticket());
    try {
      String current = expected != null ? expected : within(cache.getAsync(key));
      for (int attempt = 0; attempt < 3; attempt++) {
        if (EntryMark.parse(current) instanceof Admitted there && there.moves() >= state.moves()) {
          return;
        }
        // Kept a few days: a ticket is for one date, and the record carries the holder's name.
        boolean written =
            current == null
                ? within(
                        cache.putIfAbsentAsync(
                            key, record.text(), RECORD_LIFESPAN_DAYS, TimeUnit.DAYS))
                    == null
                : within(
                    cache.replaceAsync(
                        key, current, record.text(), RECORD_LIFESPAN_DAYS, TimeUnit.DAYS));
        if (written) {
          return;
        }
        current = within(cache.getAsync(key));
      }
    } catch (TimeoutException | ExecutionException | RuntimeException e) {
      LOG.log(Level.FINE, "entry cache unavailable: ticket record not published", e);
    }
    counters.increment("pravesh_entry_records_unpublished");
    try {
      PraveshCaches.quietly(cache.removeAsync(key), LOG);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "entry cache unavailable: stale ticket record not removed", e);
    }
  }

  private <T> T within(CompletableFuture<T> call) throws TimeoutException, ExecutionException {
    return PraveshCaches.within(call, cacheTimeoutMillis);
  }

  private static void pause() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The scanner's key for this physical scan, scoped to the volunteer, as stored. */
  static String scanKey(Scan scan) {
    if (scan.scanKey() == null || scan.scanKey().isBlank()) {
      return null;
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(
                      (scan.volunteerId() + "|" + scan.scanKey())
                          .getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
