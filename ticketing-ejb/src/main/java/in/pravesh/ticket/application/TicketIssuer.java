package in.pravesh.ticket.application;

import in.pravesh.event.domain.Event;
import in.pravesh.jobs.JobSender;
import in.pravesh.platform.Counters;
import in.pravesh.platform.EventActivity;
import in.pravesh.registration.domain.Registration;
import in.pravesh.ticket.domain.Ticket;
import in.pravesh.ticket.domain.TicketCodes;
import in.pravesh.ticket.domain.TicketToken;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Makes a registration's ticket: a short code unique in the event, a signed token, then a job to
 * send it. Idempotent: a redelivered job finds the ticket made and does nothing; a cancelled
 * registration gets no ticket.
 */
@Stateless
public class TicketIssuer {

  private static final Logger LOG = Logger.getLogger(TicketIssuer.class.getName());

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject TicketKeys keys;
  @Inject Tickets tickets;
  @Inject JobSender jobs;
  @Inject Counters counters;
  @Inject jakarta.enterprise.event.Event<EventActivity> activity;

  public void issue(UUID registrationId) {
    Registration registration =
        em.find(Registration.class, registrationId, LockModeType.PESSIMISTIC_WRITE);
    if (registration == null) {
      // A job commits with its registration (the outbox), so this never happens unless that broke.
      counters.increment("pravesh_ticket_jobs_orphaned");
      LOG.warning(() -> "Ticket job for an unknown registration " + registrationId);
      return;
    }
    if (!registration.isActive()) {
      LOG.info(() -> "No ticket for " + registrationId + ": cancelled");
      return;
    }
    if (tickets.ofRegistration(registrationId).isPresent()) {
      registration.ticketed();
      return;
    }
    Event event = registration.slot().event();
    TicketKeys.SigningKey key = keys.signingKey(event.id());
    String ticketId = Ticket.newId();
    String token =
        new TicketToken(
                ticketId,
                event.id(),
                registration.slot().date(),
                registration.partySize(),
                key.kid())
            .sign(key.privateKey());
    em.persist(
        new Ticket(
            ticketId,
            registrationId,
            event.id(),
            uniqueCode(event.id()),
            token,
            key.kid(),
            registration.slot().date(),
            registration.partySize(),
            clock.instant()));
    registration.ticketed();
    counters.increment("pravesh_tickets_issued");
    activity.fire(new EventActivity(event.id()));
    registration.ticketChannel().ifPresent(channel -> jobs.notifyTicket(registrationId, channel));
  }

  private String uniqueCode(UUID eventId) {
    while (true) {
      String code = TicketCodes.next();
      boolean taken =
          !em.createQuery("select t.id from Ticket t where t.eventId = :event and t.code = :code")
              .setParameter("event", eventId)
              .setParameter("code", code)
              .getResultList()
              .isEmpty();
      if (!taken) {
        return code;
      }
    }
  }
}
