package in.pravesh.ticket.application;

import in.pravesh.registration.application.RegistrationTickets;
import in.pravesh.registration.application.TicketView;
import in.pravesh.ticket.domain.Ticket;
import in.pravesh.ticket.domain.TicketCodes;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Tickets: the one place they are looked up, by id or by registration. */
@Stateless
@LocalBean
@Local(RegistrationTickets.class)
public class Tickets implements RegistrationTickets {

  @PersistenceContext EntityManager em;
  @Inject TicketLinks links;
  @Inject Admissions admissions;

  public Optional<Ticket> ofRegistration(UUID registrationId) {
    return ofRegistration(registrationId, LockModeType.NONE);
  }

  /** The live ticket's token by its id (the signed public link); empty when revoked or unknown. */
  public Optional<String> liveTokenById(String ticketId) {
    return Optional.ofNullable(em.find(Ticket.class, ticketId))
        .filter(ticket -> !ticket.revoked())
        .map(Ticket::token);
  }

  @Override
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public Optional<LockedTicket> lock(UUID registrationId) {
    return ofRegistration(registrationId, LockModeType.PESSIMISTIC_WRITE)
        .map(t -> new LockedTicket(t.id(), t.date(), admissions.admitted(t.id())));
  }

  @Override
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void revoke(String ticketId, Instant at) {
    em.find(Ticket.class, ticketId).revoke(at);
  }

  @Override
  public Optional<TicketView> view(UUID registrationId, ZoneId zone) {
    return ofRegistration(registrationId)
        .map(
            t ->
                new TicketView(
                    t.id(),
                    t.code(),
                    t.token(),
                    links.qrUrl(t.id(), t.date(), zone),
                    t.issuedAt().atZone(zone).toOffsetDateTime()));
  }

  @Override
  public Optional<String> liveToken(UUID registrationId) {
    return ofRegistration(registrationId).filter(t -> !t.revoked()).map(Ticket::token);
  }

  @Override
  public List<UUID> registrationsWithCode(String typed) {
    return em.createQuery("select t.registrationId from Ticket t where t.code = :code", UUID.class)
        .setParameter("code", TicketCodes.normalize(typed))
        .setMaxResults(20)
        .getResultList();
  }

  private Optional<Ticket> ofRegistration(UUID registrationId, LockModeType lock) {
    return em.createQuery("select t from Ticket t where t.registrationId = :id", Ticket.class)
        .setParameter("id", registrationId)
        .setLockMode(lock)
        .getResultStream()
        .findFirst();
  }
}
