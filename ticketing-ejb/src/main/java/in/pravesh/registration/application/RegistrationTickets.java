package in.pravesh.registration.application;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

/**
 * What registration needs of the tickets made for it. Declared here and implemented by {@code
 * ticket} (which sits above registration), so registration depends on no context above it.
 */
public interface RegistrationTickets {

  /**
   * Locks the registration's ticket row, if it has one, for the rest of the transaction; a scan
   * reads it {@code FOR SHARE}, so a racing scan and a cancellation never both succeed.
   */
  Optional<LockedTicket> lock(UUID registrationId);

  /** Revokes a ticket this transaction has locked. */
  void revoke(String ticketId, Instant at);

  /** The registration's ticket as the API shows it, once made. */
  Optional<TicketView> view(UUID registrationId, ZoneId zone);

  /** The token of the registration's live (made, not revoked) ticket. */
  Optional<String> liveToken(UUID registrationId);

  /** The registrations whose tickets carry this short code, as typed (one per event at most). */
  java.util.List<UUID> registrationsWithCode(String code);

  /** A locked ticket: its id, its day, and whether it got in at a gate. */
  record LockedTicket(String id, LocalDate date, boolean admitted) {}
}
