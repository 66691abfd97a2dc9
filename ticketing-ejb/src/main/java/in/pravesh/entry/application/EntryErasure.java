package in.pravesh.entry.application;

import in.pravesh.platform.PraveshCaches;
import in.pravesh.registration.application.PersonErased;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * An erased person's admission records leave the entry cache (they carry the holder's name) once
 * the erasure is committed; the admissions themselves stay, as anonymous counts.
 */
@ApplicationScoped
public class EntryErasure {

  private static final Logger LOG = Logger.getLogger(EntryErasure.class.getName());

  @Inject PraveshCaches caches;

  void onErased(@Observes(during = TransactionPhase.AFTER_SUCCESS) PersonErased erased) {
    var cache = caches.<String, String>get(PraveshCaches.ENTRY);
    for (PersonErased.TicketDay ticket : erased.tickets()) {
      try {
        PraveshCaches.quietly(cache.removeAsync(ticket.ticketId() + ":" + ticket.date()), LOG);
      } catch (RuntimeException e) {
        PraveshCaches.logUnavailable(LOG, "Erased admission records not removed", e);
      }
    }
  }
}
