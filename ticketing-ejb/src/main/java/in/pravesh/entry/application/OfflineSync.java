package in.pravesh.entry.application;

import in.pravesh.entry.domain.ScanOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Scans a scanner made offline, sent when the network is back (api.md, Entry: offline scanning).
 * Each is decided as an online scan (as of when it was made); a scan the device admitted offline
 * that the server finds already admitted by another is a conflict, the ticket got in twice; so is
 * one of a ticket revoked, before the scan (the device's snapshot was older than the revocation) or
 * since (the holder cancelled after getting in). Each is recorded once (by the scan's key).
 */
@ApplicationScoped
public class OfflineSync {

  /** One scan's answer in a batch. */
  public record Synced(String key, ScanOutcome outcome, boolean conflict) {}

  @Inject Gatekeeper gatekeeper;
  @Inject AdmissionLedger ledger;

  public Synced sync(Scan scan) {
    ScanResult result = gatekeeper.scan(scan);
    boolean admittedOffline =
        ScanOutcome.ADMITTED.name().equals(scan.offlineOutcome())
            || ScanOutcome.READMITTED.name().equals(scan.offlineOutcome());
    boolean conflict = false;
    if (admittedOffline && result.ticket() != null) {
      String key = Gatekeeper.scanKey(scan);
      switch (result.outcome()) {
        case ALREADY_ADMITTED -> {
          ledger.recordConflict(result.ticket().id(), result.ticket().date(), scan, key);
          conflict = true;
        }
        // Revoked before the scan, or since: either way a ticket that should not be in is.
        case REVOKED, ADMITTED, READMITTED ->
            conflict = ledger.recordRevokedEntry(result.ticket().id(), scan, key);
        default -> {}
      }
    }
    return new Synced(scan.scanKey(), result.outcome(), conflict);
  }
}
