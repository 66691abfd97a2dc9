package in.pravesh.entry.application;

import in.pravesh.entry.application.AdmissionLedger.Ask;
import in.pravesh.entry.application.AdmissionLedger.DecidedBy;
import in.pravesh.entry.application.AdmissionLedger.Decision;
import in.pravesh.entry.application.AdmissionLedger.Note;
import in.pravesh.entry.domain.EntryMark;
import in.pravesh.entry.domain.EntryMark.Admitted;
import in.pravesh.entry.domain.EntryMark.Claim;
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
  private final String node = System.getProperty("jboss.node.name", "node");

  public ScanResult scan(Scan scan) {
    GateInfo gate =
        gates
            .find(scan.gateId())
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
    // Milliseconds: what the cache's record keeps, so every answer shows the same time.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
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

  private ScanResult admit(
      String ticketId, GateInfo gate, Scan scan, Instant now, LocalDate today) {
    String key = ticketId + ":" + today;
    String scanKey = scanKey(scan);
    Cache<String, String> cache = caches.get(PraveshCaches.ENTRY);
    String fallback;
    if (!PraveshCaches.available(cache)) {
      // A minority partition: the cache refuses every call, and the database decides alone.
      counters.increment("pravesh_entry_cache_fallbacks", "reason", "degraded");
      return batches.admit(new Ask(ticketId, gate, scan, scanKey, now, today)).result();
    }
    Claim ours = null;
    try {
      EntryMark mark = EntryMark.parse(within(cache.getAsync(key)));
      if (mark == null) {
        Claim claim = new Claim(node, now.toEpochMilli());
        CompletableFuture<String> claiming =
            cache.putIfAbsentAsync(key, claim.text(), CLAIM_LIFESPAN_MILLIS, TimeUnit.MILLISECONDS);
        String previous;
        try {
          previous = within(claiming);
        } catch (TimeoutException e) {
          // Should the claim land after we stopped waiting, nobody would act on it or remove it,
          // and the ticket's next scans would wait on it: take it back once it lands (only if it
          // is still our claim; the database decides this scan meanwhile).
          claiming.thenAccept(
              landed -> {
                if (landed == null) {
                  PraveshCaches.quietly(cache.removeAsync(key, claim.text()), LOG);
                }
              });
          throw e;
        }
        ours = previous == null ? claim : null;
        mark = EntryMark.parse(previous);
      }
      if (mark instanceof Claim claim && !claim.isStale(clock.millis(), staleClaimMillis)) {
        mark = awaitRecord(cache, key, mark);
      }
      if (mark instanceof Admitted admitted) {
        return fromCache(admitted, gate, scan, scanKey, now);
      }
      fallback = mark instanceof Claim ? "claim-pending" : "unreadable";
    } catch (TimeoutException e) {
      fallback = "timeout";
    } catch (ExecutionException | RuntimeException e) {
      // Degraded partition (AvailabilityException), a node leaving mid-call, ...
      fallback = "unavailable";
      PraveshCaches.logUnavailable(LOG, "Admissions decided by the database alone", e);
    }
    if (ours != null) {
      return decideAsClaimant(cache, key, ours, ticketId, gate, scan, scanKey, now, today);
    }
    counters.increment("pravesh_entry_cache_fallbacks", "reason", fallback);
    Decision decision = batches.admit(new Ask(ticketId, gate, scan, scanKey, now, today));
    remember(cache, key, decision);
    return decision.result();
  }

  private ScanResult decideAsClaimant(
      Cache<String, String> cache,
      String key,
      Claim claim,
      String ticketId,
      GateInfo gate,
      Scan scan,
      String scanKey,
      Instant now,
      LocalDate today) {
    Decision decision;
    try {
      decision = batches.admit(new Ask(ticketId, gate, scan, scanKey, now, today));
    } catch (RuntimeException e) {
      PraveshCaches.quietly(cache.removeAsync(key, claim.text()), LOG);
      throw e;
    }
    if (decision.result().admitted()) {
      remember(cache, key, decision);
    } else {
      PraveshCaches.quietly(cache.removeAsync(key, claim.text()), LOG);
    }
    return decision.result();
  }

  /** Waits a little for the claimant's record; the claim itself if it does not come in time. */
  private EntryMark awaitRecord(Cache<String, String> cache, String key, EntryMark claim)
      throws TimeoutException, ExecutionException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(claimWaitMillis);
    EntryMark mark = claim;
    while (mark instanceof Claim && System.nanoTime() < deadline) {
      pause();
      mark = EntryMark.parse(within(cache.getAsync(key)));
    }
    // The claimant found nothing to admit (revoked, another date) and let go: decide ourselves.
    return mark == null ? claim : mark;
  }

  private ScanResult fromCache(
      Admitted admitted, GateInfo gate, Scan scan, String scanKey, Instant now) {
    counters.increment("pravesh_entry_cache_hits");
    boolean sameScan = scanKey != null && scanKey.equals(admitted.scanKey());
    ScanResult result =
        ScanResult.admission(
            sameScan ? ScanOutcome.ADMITTED : ScanOutcome.ALREADY_ADMITTED,
            admitted.ticket(),
            admitted.at(),
            admitted.gate(),
            gate.zone());
    try {
      batches.record(new Note(scan, gate, result, DecidedBy.CACHE, now));
    } catch (EJBException | PersistenceException e) {
      // The answer stands (the admission is committed); only the counter misses this scan.
      LOG.log(Level.WARNING, "a scan answered from the cache was not recorded", e);
      counters.increment("pravesh_scans_unrecorded");
    }
    return result;
  }

  /** A scan the token (or code) alone answers INVALID. */
  private ScanResult invalid(GateInfo gate, Scan scan, Instant now) {
    ScanResult result = ScanResult.of(ScanOutcome.INVALID, null);
    batches.record(new Note(scan, gate, result, DecidedBy.TOKEN, now));
    return result;
  }

  /** After the commit: the admission record replaces the claim, for later scans on any node. */
  private void remember(Cache<String, String> cache, String key, Decision decision) {
    ScanResult result = decision.result();
    if (!result.admitted() || !PraveshCaches.available(cache)) {
      return;
    }
    Admitted record =
        new Admitted(
            result.firstAdmittedAt().toInstant(),
            result.firstGate(),
            decision.admittingScanKey(),
            result.ticket());
    try {
      // Kept a few days: a ticket is for one date, and the record carries the holder's name.
      PraveshCaches.quietly(
          cache.putAsync(key, record.text(), RECORD_LIFESPAN_DAYS, TimeUnit.DAYS), LOG);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "entry cache unavailable: admission record not cached", e);
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
  private static String scanKey(Scan scan) {
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
