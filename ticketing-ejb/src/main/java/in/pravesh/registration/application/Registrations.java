package in.pravesh.registration.application;

import in.pravesh.event.application.SlotView;
import in.pravesh.event.domain.Event;
import in.pravesh.event.domain.Slot;
import in.pravesh.identity.application.TokenRevocations;
import in.pravesh.identity.domain.PhoneNumber;
import in.pravesh.jobs.JobSender;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.ProblemType;
import in.pravesh.platform.ratelimit.RateLimiter;
import in.pravesh.registration.domain.Registration;
import in.pravesh.ticket.application.TicketLinks;
import in.pravesh.ticket.domain.Ticket;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Registrations: take seats, make the ticket job, cancel, look up, forget a person. A slot is never
 * overbooked: seats are taken by one conditional UPDATE (the row lock orders racing requests, and
 * the table's CHECK constraints stand behind it), so no request is refused while enough remain.
 */
@Stateless
public class Registrations {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject JobSender jobs;
  @Inject TicketLinks links;
  @Inject TokenRevocations revocations;
  @Inject RateLimiter rateLimiter;
  @Inject jakarta.enterprise.event.Event<PersonErased> erasures;

  static final int RESENDS_PER_HOUR = 3;

  /** A visitor's own registration: PENDING, with its ticket job queued in the same transaction. */
  public UUID register(Caller caller, NewRegistration request) {
    if (!request.consent()) {
      throw BusinessException.invalid(
          "consent", "Consent to the use of your data for this visit is required");
    }
    Slot slot = em.find(Slot.class, request.slotId());
    if (slot == null) {
      throw BusinessException.invalid("slotId", "No such slot");
    }
    requireOpen(slot);
    // Serialises one phone's attempts on one slot, so the check below is reliable.
    em.createNativeQuery("select pg_advisory_xact_lock(hashtext(?1))")
        .setParameter(1, "registration:" + slot.id() + ":" + caller.phone())
        .getSingleResult();
    activeRegistration(slot.id(), caller.phone())
        .ifPresent(
            existing -> {
              throw new BusinessException(
                  ProblemType.ALREADY_REGISTERED,
                  "This phone already has a registration for this slot",
                  Map.of("registrationId", existing.toString()));
            });
    Registration registration =
        new Registration(
            slot,
            caller.personId(),
            caller.phone(),
            request.name().strip(),
            request.email(),
            request.partySize(),
            Registration.Channel.WEB,
            request.partySize(),
            0,
            null,
            clock.instant());
    em.persist(registration);
    jobs.issueTicket(registration.id());
    // Seats are taken last: the slot's row lock, which every registration for the slot needs, is
    // then held only while the transaction commits, not while the rest of it runs. The slot is
    // re-read under that lock before the seats are counted.
    em.refresh(slot, LockModeType.PESSIMISTIC_WRITE);
    if (!slot.takeOnline(request.partySize())) {
      throw new BusinessException(
          ProblemType.SLOT_FULL,
          "Not enough seats left in this slot for a party of " + request.partySize(),
          Map.of("remaining", slot.seats().remaining()));
    }
    return registration.id();
  }

  public List<RegistrationView> mine(Caller caller) {
    return em.createQuery(
            "select r from Registration r where r.personId = :person order by r.createdAt desc",
            Registration.class)
        .setParameter("person", caller.personId())
        .getResultStream()
        .map(r -> view(r, caller))
        .toList();
  }

  public RegistrationView get(Caller caller, UUID id) {
    return view(visible(caller, id, true), caller);
  }

  /**
   * Cancels: seats go back to their pools, the ticket is revoked. A ticket that got in at a gate
   * cannot be cancelled (409). The registration is re-read under its row lock before anything is
   * decided, so racing cancellations free the seats once; its ticket row is locked before the
   * admissions are read, and a scan reads it {@code FOR SHARE}: a racing scan and cancellation
   * never both succeed. Cancelling a cancelled registration changes nothing.
   */
  public void cancel(Caller caller, UUID id) {
    Registration registration = visible(caller, id, false);
    em.refresh(registration, LockModeType.PESSIMISTIC_WRITE);
    if (!registration.isActive()) {
      return;
    }
    Optional<Ticket> ticket = lockedTicketOf(registration.id());
    if (ticket.isPresent() && admitted(ticket.get())) {
      throw new BusinessException(
          ProblemType.ALREADY_ADMITTED,
          "This ticket has been used at a gate; it can no longer be cancelled");
    }
    cancelLocked(registration, ticket, clock.instant());
  }

  /** Sends the ticket again (once it is made): three times an hour per registration at most. */
  public void resend(Caller caller, UUID id, String channel) {
    Registration registration = visible(caller, id, true);
    rateLimiter.acquire("resend", id.toString(), RESENDS_PER_HOUR, Duration.ofHours(1));
    if (registration.status() == Registration.Status.TICKETED && registration.phone() != null) {
      jobs.notifyTicket(
          id,
          channel != null
              ? channel
              : registration.channel() == Registration.Channel.WHATSAPP ? "whatsapp" : "sms");
    }
  }

  /** The token of a registration's ticket, for its QR image; 404 while PENDING. */
  public String ticketToken(Caller caller, UUID id) {
    Registration registration = visible(caller, id, true);
    return ticketOf(registration.id())
        .filter(ticket -> !ticket.revoked())
        .map(Ticket::token)
        .orElseThrow(() -> BusinessException.notFound("Ticket (not made yet)"));
  }

  /** The token behind a signed public link. */
  public String ticketTokenById(String ticketId) {
    Ticket ticket = em.find(Ticket.class, ticketId);
    if (ticket == null || ticket.revoked()) {
      throw BusinessException.notFound("Ticket");
    }
    return ticket.token();
  }

  /**
   * Consent withdrawn (DPDP Act): the person's registrations are cancelled, their personal data
   * erased (registrations stay as anonymous counts), their messages and codes deleted, their tokens
   * revoked.
   */
  public void forget(Caller caller) {
    Instant now = clock.instant();
    List<Registration> registrations =
        em.createQuery(
                // By slot: the slots' rows are then locked in one order, whoever erases.
                "select r from Registration r where r.personId = :person or r.phone = :phone"
                    + " order by r.slot.id, r.id",
                Registration.class)
            .setParameter("person", caller.personId())
            .setParameter("phone", caller.phone())
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList();
    List<PersonErased.TicketDay> tickets = new ArrayList<>();
    for (Registration registration : registrations) {
      Optional<Ticket> ticket = lockedTicketOf(registration.id());
      ticket.ifPresent(t -> tickets.add(new PersonErased.TicketDay(t.id(), t.date())));
      // A party that got in keeps its seats: it used them. Only the person's data goes.
      if (registration.isActive() && !(ticket.isPresent() && admitted(ticket.get()))) {
        cancelLocked(registration, ticket, now);
      }
      registration.erasePersonalData();
    }
    em.createNativeQuery("delete from message where recipient = ?1")
        .setParameter(1, caller.phone())
        .executeUpdate();
    em.createNativeQuery("delete from otp_challenge where phone = ?1")
        .setParameter(1, caller.phone())
        .executeUpdate();
    em.createNativeQuery("delete from person where id = ?1")
        .setParameter(1, caller.personId())
        .executeUpdate();
    revocations.revokeSubject(caller.personId());
    erasures.fire(new PersonErased(tickets));
  }

  /** Cancels a registration whose row this transaction has locked and re-read. */
  private void cancelLocked(Registration registration, Optional<Ticket> ticket, Instant now) {
    if (!registration.cancel(now)) {
      return;
    }
    Slot slot = registration.slot();
    em.refresh(slot, LockModeType.PESSIMISTIC_WRITE);
    slot.release(registration.fromOnline(), registration.fromReserve());
    ticket.ifPresent(t -> t.revoke(now));
  }

  private boolean admitted(Ticket ticket) {
    return !em.createNativeQuery("select 1 from admission where ticket_id = ?1")
        .setParameter(1, ticket.id())
        .getResultList()
        .isEmpty();
  }

  private void requireOpen(Slot slot) {
    Event event = slot.event();
    LocalDateTime now = LocalDateTime.now(clock.withZone(event.zone()));
    if (!event.registrationOpen() || !now.isBefore(slot.date().atTime(slot.endsAt()))) {
      throw new BusinessException(
          ProblemType.REGISTRATION_CLOSED, "Registration for this slot is closed");
    }
  }

  private Optional<UUID> activeRegistration(UUID slotId, String phone) {
    return em.createQuery(
            "select r.id from Registration r where r.slot.id = :slot and r.phone = :phone"
                + " and r.status <> :cancelled",
            UUID.class)
        .setParameter("slot", slotId)
        .setParameter("phone", phone)
        .setParameter("cancelled", Registration.Status.CANCELLED)
        .getResultStream()
        .findFirst();
  }

  /** The registration if the caller may see it (owner, or staff when allowed); else 404. */
  private Registration visible(Caller caller, UUID id, boolean staffMaySee) {
    Registration registration = em.find(Registration.class, id);
    boolean allowed =
        registration != null
            && (caller.personId().equals(registration.personId())
                || caller.isAdmin()
                || (staffMaySee && caller.isStaff()));
    if (!allowed) {
      throw BusinessException.notFound("Registration");
    }
    return registration;
  }

  private Optional<Ticket> lockedTicketOf(UUID registrationId) {
    return em.createQuery("select t from Ticket t where t.registrationId = :id", Ticket.class)
        .setParameter("id", registrationId)
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultStream()
        .findFirst();
  }

  private Optional<Ticket> ticketOf(UUID registrationId) {
    return em.createQuery("select t from Ticket t where t.registrationId = :id", Ticket.class)
        .setParameter("id", registrationId)
        .getResultStream()
        .findFirst();
  }

  private RegistrationView view(Registration r, Caller caller) {
    Event event = r.slot().event();
    boolean maskPhone =
        r.phone() != null
            && !caller.isAdmin()
            && !caller.personId().equals(r.personId())
            && !caller.personId().equals(r.createdBy());
    TicketView ticket =
        r.status() == Registration.Status.TICKETED
            ? ticketOf(r.id())
                .map(
                    t ->
                        new TicketView(
                            t.id(),
                            t.code(),
                            t.token(),
                            links.qrUrl(t.id(), t.date(), event.zone()),
                            t.issuedAt().atZone(event.zone()).toOffsetDateTime()))
                .orElse(null)
            : null;
    return new RegistrationView(
        r.id().toString(),
        r.status().name(),
        r.channel().name(),
        r.name(),
        maskPhone ? new PhoneNumber(r.phone()).masked() : r.phone(),
        r.partySize(),
        SlotView.of(r.slot()),
        r.createdAt().atZone(event.zone()).toOffsetDateTime(),
        r.createdBy() == null ? null : r.createdBy().toString(),
        ticket);
  }
}
