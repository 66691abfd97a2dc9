package in.pravesh.registration.application;

import in.pravesh.audit.AuditLog;
import in.pravesh.event.application.SlotView;
import in.pravesh.event.domain.Event;
import in.pravesh.event.domain.Slot;
import in.pravesh.event.domain.SlotCapacity;
import in.pravesh.identity.application.ErasingPerson;
import in.pravesh.identity.application.People;
import in.pravesh.identity.domain.PhoneNumber;
import in.pravesh.jobs.JobSender;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.EventActivity;
import in.pravesh.platform.ProblemType;
import in.pravesh.platform.ratelimit.RateLimiter;
import in.pravesh.registration.domain.Registration;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Registrations: take seats, make the ticket job, cancel, look up, erase a person's. A slot is
 * never overbooked: seats are taken on the slot's row read under its lock (the lock orders racing
 * requests, and the table's CHECK constraints stand behind it), so no request is refused while
 * enough remain.
 */
@Stateless
public class Registrations {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject JobSender jobs;
  @Inject RegistrationTickets tickets;
  @Inject RateLimiter rateLimiter;
  @Inject jakarta.enterprise.event.Event<PersonErased> erasures;
  @Inject jakarta.enterprise.event.Event<EventActivity> activity;

  static final int RESENDS_PER_HOUR = 3;
  static final int LOOKUP_LIMIT = 20;

  @Inject People people;
  @Inject AuditLog audit;

  @Inject
  @ConfigProperty(name = "ticketing.desk.messages-per-volunteer-per-hour", defaultValue = "120")
  int deskMessagesPerHour;

  @Inject
  @ConfigProperty(name = "ticketing.desk.lookups-per-volunteer-per-hour", defaultValue = "300")
  int lookupsPerHour;

  /** A registration asked for: who, what, on which channel, and when consent was given. */
  public record Pending(
      Caller caller, NewRegistration request, Registration.Channel channel, Instant consentAt) {}

  /** A registration made (PENDING, its ticket job queued), or why it was refused. */
  public record Outcome(UUID registrationId, BusinessException refused) {

    /** The registration's id, or its refusal thrown. */
    public UUID orThrow() {
      if (refused != null) {
        throw refused;
      }
      return registrationId;
    }
  }

  /**
   * A registration confirmed in a WhatsApp conversation (the sender's number, which WhatsApp has
   * verified), in the caller's transaction: the web's rules, channel {@code WHATSAPP}, consent as
   * given in the chat at {@code consentAt}. The ticket then goes by WhatsApp.
   */
  public UUID registerFromWhatsApp(Caller caller, NewRegistration request, Instant consentAt) {
    return registerAll(
            List.of(new Pending(caller, request, Registration.Channel.WHATSAPP, consentAt)))
        .get(0)
        .orThrow();
  }

  /**
   * Registrations, each PENDING with its ticket job queued, in one transaction (a web rush's batch,
   * {@link RegistrationBatches}, or one alone): an outcome per registration, in order. The rules:
   * consent given, the slot open, one active registration per phone and slot, never overbooked.
   * Each phone's attempts on a slot are serialised by an advisory lock (taken in one global order,
   * as a walk-in takes its own), so the check for an active registration is reliable; then the
   * batch's slots are locked and re-read, in the database's id order (as an erasure locks them),
   * and seats go first come, first seated. A slot deleted meanwhile fails the batch (its
   * registrations are then refused one by one). A batch waits for its locks: batches for one slot
   * queue on its row by design, and a batch given up would only come back as its registrations one
   * by one, each queueing on the same row; a registration whose batch waits too long is answered
   * try-again ({@link RegistrationBatches}).
   */
  public List<Outcome> registerAll(List<Pending> batch) {
    Outcome[] outcomes = new Outcome[batch.size()];
    Map<UUID, Slot> slots = new HashMap<>();
    List<Integer> open = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      try {
        Pending pending = batch.get(i);
        NewRegistration request = pending.request();
        if (!request.consent()) {
          throw BusinessException.invalid(
              "consent", "Consent to the use of your data for this visit is required");
        }
        if (pending.caller().phone() == null) {
          throw BusinessException.invalid("phone", "A registration needs the caller's phone");
        }
        Slot slot = slots.get(request.slotId());
        if (slot == null) {
          slot = openSlot(request.slotId());
          slots.put(slot.id(), slot);
        }
        open.add(i);
      } catch (BusinessException refused) {
        outcomes[i] = new Outcome(null, refused);
      }
    }
    if (!open.isEmpty()) {
      lockPhones(open.stream().map(i -> phoneKey(batch.get(i))).toList());
      Map<String, UUID> active = activeRegistrations(batch, open);
      lockSlots(slots.values());
      Set<UUID> events = new HashSet<>();
      for (int i : open) {
        Pending pending = batch.get(i);
        Slot slot = slots.get(pending.request().slotId());
        outcomes[i] = register(pending, slot, active);
        events.add(slot.event().id());
      }
      events.forEach(event -> activity.fire(new EventActivity(event)));
    }
    return List.of(outcomes);
  }

  /**
   * Locks these slots' rows, re-reading each, in the database's id order (PostgreSQL orders uuids
   * as unsigned bytes; Java's {@code UUID.compareTo} does not), as an erasure locks them.
   */
  private void lockSlots(Collection<Slot> slots) {
    slots.stream()
        .sorted(
            Comparator.comparing(
                    (Slot slot) -> slot.id().getMostSignificantBits(), Long::compareUnsigned)
                .thenComparing(slot -> slot.id().getLeastSignificantBits(), Long::compareUnsigned))
        .forEach(this::lockSeats);
  }

  /** One registration of a batch, on its slot's row locked and re-read. */
  private Outcome register(Pending pending, Slot slot, Map<String, UUID> active) {
    NewRegistration request = pending.request();
    String key = phoneKey(pending);
    UUID existing = active.get(key);
    if (existing != null) {
      return new Outcome(null, alreadyRegistered(existing));
    }
    if (!slot.takeOnline(request.partySize())) {
      return new Outcome(null, slotFull(request.partySize(), slot.seats().remaining()));
    }
    Caller caller = pending.caller();
    Registration registration =
        new Registration(
            slot,
            caller.personId(),
            caller.phone(),
            request.name().strip(),
            request.email(),
            request.partySize(),
            pending.channel(),
            request.partySize(),
            0,
            null,
            clock.instant());
    if (pending.consentAt() != null) {
      registration.consentGivenAt(pending.consentAt());
    }
    em.persist(registration);
    jobs.issueTicket(registration.id());
    active.put(key, registration.id());
    return new Outcome(registration.id(), null);
  }

  private static String phoneKey(Pending pending) {
    return phoneKey(pending.request().slotId(), pending.caller().phone());
  }

  private static String phoneKey(UUID slotId, String phone) {
    return "registration:" + slotId + ":" + phone;
  }

  /**
   * The advisory locks of these phone keys, in the order of their hashes (every transaction takes
   * them in that order, so two batches cannot deadlock); PostgreSQL evaluates the locks after the
   * sort.
   */
  private void lockPhones(List<String> keys) {
    em.createNativeQuery(
            "select pg_advisory_xact_lock(h) from (select distinct hashtext(k) h"
                + " from unnest(string_to_array(?1, ',')) k) s order by h")
        .setParameter(1, String.join(",", keys))
        .getResultList();
  }

  /** The active registrations of the batch's phones on its slots, by phone key. */
  private Map<String, UUID> activeRegistrations(List<Pending> batch, List<Integer> open) {
    Set<UUID> slotIds = new HashSet<>();
    Set<String> phones = new HashSet<>();
    for (int i : open) {
      slotIds.add(batch.get(i).request().slotId());
      phones.add(batch.get(i).caller().phone());
    }
    Map<String, UUID> active = new HashMap<>();
    em.createQuery(
            "select r.slot.id, r.phone, r.id from Registration r where r.slot.id in :slots"
                + " and r.phone in :phones and r.status <> :cancelled",
            Object[].class)
        .setParameter("slots", slotIds)
        .setParameter("phones", phones)
        .setParameter("cancelled", Registration.Status.CANCELLED)
        .getResultStream()
        .forEach(row -> active.put(phoneKey((UUID) row[0], (String) row[1]), (UUID) row[2]));
    return active;
  }

  private static BusinessException alreadyRegistered(UUID existing) {
    return new BusinessException(
        ProblemType.ALREADY_REGISTERED,
        "This phone already has a registration for this slot",
        Map.of("registrationId", existing.toString()));
  }

  private static BusinessException slotFull(int partySize, int remaining) {
    return new BusinessException(
        ProblemType.SLOT_FULL,
        "Not enough seats left in this slot for a party of " + partySize,
        Map.of("remaining", remaining));
  }

  /** The slot, if there is one and it takes registrations now. */
  private Slot openSlot(UUID slotId) {
    Slot slot = em.find(Slot.class, slotId);
    if (slot == null) {
      throw BusinessException.invalid("slotId", "No such slot");
    }
    requireOpen(slot);
    return slot;
  }

  /**
   * A walk-in, registered by a volunteer at a desk: the same rules as {@link #register} (one active
   * registration per phone and slot, never overbooked), seats from the walk-in reserve first, then
   * the online pool. The registration belongs to the visitor's phone (they see it when they log in)
   * and records the volunteer who made it. Messages sent from a desk are limited per volunteer and
   * hour.
   */
  public UUID registerWalkIn(Caller volunteer, WalkIn request, AuditLog.Actor actor) {
    if (!request.consent()) {
      throw BusinessException.invalid(
          "consent", "The visitor's consent to the use of their data for this visit is required");
    }
    Slot slot = openSlot(request.slotId());
    String phone = request.phone().e164();
    lockPhones(List.of(phoneKey(slot.id(), phone)));
    activeRegistration(slot.id(), phone)
        .ifPresent(
            existing -> {
              throw alreadyRegistered(existing);
            });
    if (!"none".equals(request.deliver())) {
      deskMessage(volunteer);
    }
    Registration registration =
        new Registration(
            slot,
            people.findOrCreate(request.phone()).id(),
            phone,
            request.name().strip(),
            null,
            request.partySize(),
            Registration.Channel.VOLUNTEER,
            request.partySize(),
            0,
            volunteer.personId(),
            clock.instant());
    registration.deliverBy(request.deliver());
    em.persist(registration);
    jobs.issueTicket(registration.id());
    activity.fire(new EventActivity(slot.event().id()));
    lockSeats(slot);
    SlotCapacity.WalkInSeats seats =
        slot.takeWalkIn(request.partySize())
            .orElseThrow(() -> slotFull(request.partySize(), slot.seats().remainingForWalkIns()));
    registration.seatsFrom(seats.fromOnline(), seats.fromReserve());
    audit.record(
        actor,
        "registration.walk-in",
        registration.id().toString(),
        "party of " + request.partySize() + ", deliver " + request.deliver());
    return registration.id();
  }

  /**
   * The help desk's search: the registrations of a phone, or the one whose ticket has this code
   * (any event), newest first. Phones are masked for volunteers, as in every registration object.
   */
  public List<RegistrationView> lookup(
      Caller staff, Optional<PhoneNumber> phone, String code, AuditLog.Actor actor) {
    rateLimiter.acquire(
        "lookup",
        staff.personId().toString(),
        lookupsPerHour,
        Duration.ofHours(1),
        () -> auditedInTheHour(staff, "registration.lookup"));
    audit.record(
        actor, "registration.lookup", null, phone.map(PhoneNumber::masked).orElse("code " + code));
    List<Registration> found =
        phone.isPresent()
            ? em.createQuery(
                    "select r from Registration r where r.phone = :phone"
                        + " order by r.createdAt desc",
                    Registration.class)
                .setParameter("phone", phone.get().e164())
                .setMaxResults(LOOKUP_LIMIT)
                .getResultList()
            : tickets.registrationsWithCode(code).stream()
                .map(id -> em.find(Registration.class, id))
                .filter(java.util.Objects::nonNull)
                .toList();
    return found.stream().map(r -> view(r, staff)).toList();
  }

  /**
   * The caller's active registrations for today or later (in each event's time zone), soonest
   * first: what "resend my ticket" in a chat means.
   */
  public List<RegistrationView> upcoming(Caller caller) {
    return em.createQuery(
            "select r from Registration r where r.personId = :person and r.status <> :cancelled"
                + " order by r.slot.date, r.slot.startsAt",
            Registration.class)
        .setParameter("person", caller.personId())
        .setParameter("cancelled", Registration.Status.CANCELLED)
        .getResultStream()
        .filter(r -> !r.slot().date().isBefore(r.slot().event().today(clock)))
        .map(r -> view(r, caller))
        .toList();
  }

  /** Whether this phone has an active registration for the slot. */
  public boolean hasActive(UUID slotId, String phone) {
    return activeRegistration(slotId, phone).isPresent();
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
  public void cancel(Caller caller, UUID id, AuditLog.Actor actor) {
    Registration registration = visible(caller, id, false);
    em.refresh(registration, LockModeType.PESSIMISTIC_WRITE);
    if (!registration.isActive()) {
      return;
    }
    Optional<RegistrationTickets.LockedTicket> ticket = tickets.lock(registration.id());
    if (ticket.isPresent() && ticket.get().admitted()) {
      throw new BusinessException(
          ProblemType.ALREADY_ADMITTED,
          "This ticket has been used at a gate; it can no longer be cancelled");
    }
    cancelLocked(registration, ticket, clock.instant());
    audit.record(
        actor,
        "registration.cancelled",
        id.toString(),
        "party of " + registration.partySize() + (caller.isAdmin() ? " (by an admin)" : ""));
  }

  /** Sends the ticket again (once it is made): three times an hour per registration at most. */
  public void resend(Caller caller, UUID id, String channel, AuditLog.Actor actor) {
    Registration registration = visible(caller, id, true);
    rateLimiter.acquire(
        "resend",
        id.toString(),
        RESENDS_PER_HOUR,
        Duration.ofHours(1),
        () ->
            audit.count(
                null,
                id.toString(),
                "registration.resent",
                clock.instant().minus(Duration.ofHours(1))));
    if (caller.isStaff() && !caller.personId().equals(registration.personId())) {
      deskMessage(caller);
    }
    audit.record(actor, "registration.resent", id.toString(), channel);
    if (registration.status() == Registration.Status.TICKETED && registration.phone() != null) {
      // Asked for again, a ticket that was only shown at a desk goes by SMS.
      jobs.notifyTicket(id, channel != null ? channel : registration.ticketChannel().orElse("sms"));
    }
  }

  /** The token of a registration's ticket, for its QR image; 404 while PENDING. */
  public String ticketToken(Caller caller, UUID id) {
    Registration registration = visible(caller, id, true);
    return tickets
        .liveToken(registration.id())
        .orElseThrow(() -> BusinessException.notFound("Ticket (not made yet)"));
  }

  /**
   * Consent withdrawn (DPDP Act): the person's registrations are cancelled and their personal data
   * erased (registrations stay as anonymous counts), in the erasure's transaction ({@link
   * in.pravesh.identity.application.PersonErasure}); once it commits, the contexts above learn of
   * it ({@link PersonErased}).
   */
  public void onErasing(@Observes ErasingPerson erasing) {
    Instant now = clock.instant();
    List<Registration> registrations =
        em.createQuery(
                // By slot: the slots' rows are then locked in one order, whoever erases.
                "select r from Registration r where r.personId = :person or r.phone = :phone"
                    + " order by r.slot.id, r.id",
                Registration.class)
            .setParameter("person", erasing.personId())
            .setParameter("phone", erasing.phone())
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList();
    List<PersonErased.TicketDay> erased = new ArrayList<>();
    for (Registration registration : registrations) {
      Optional<RegistrationTickets.LockedTicket> ticket = tickets.lock(registration.id());
      ticket.ifPresent(t -> erased.add(new PersonErased.TicketDay(t.id(), t.date())));
      // A party that got in keeps its seats: it used them. Only the person's data goes.
      if (registration.isActive() && !(ticket.isPresent() && ticket.get().admitted())) {
        cancelLocked(registration, ticket, now);
      }
      registration.erasePersonalData();
    }
    erasures.fire(new PersonErased(erased));
  }

  /** Cancels a registration whose row this transaction has locked and re-read. */
  private void cancelLocked(
      Registration registration, Optional<RegistrationTickets.LockedTicket> ticket, Instant now) {
    if (!registration.cancel(now)) {
      return;
    }
    Slot slot = registration.slot();
    em.refresh(slot, LockModeType.PESSIMISTIC_WRITE);
    slot.release(registration.fromOnline(), registration.fromReserve());
    ticket.ifPresent(t -> tickets.revoke(t.id(), now));
    activity.fire(new EventActivity(slot.event().id()));
  }

  /** Re-reads the slot under its row lock; a slot an admin deleted meanwhile is no slot. */
  private void lockSeats(Slot slot) {
    try {
      em.refresh(slot, LockModeType.PESSIMISTIC_WRITE);
    } catch (jakarta.persistence.EntityNotFoundException e) {
      throw BusinessException.invalid("slotId", "No such slot");
    }
  }

  /**
   * One message sent from a volunteer's desk, within their hourly allowance. Should the cache not
   * answer, the audit log counts: the volunteer's walk-ins and resends of the hour.
   */
  private void deskMessage(Caller volunteer) {
    rateLimiter.acquire(
        "desk-messages",
        volunteer.personId().toString(),
        deskMessagesPerHour,
        Duration.ofHours(1),
        () ->
            auditedInTheHour(volunteer, "registration.walk-in")
                + auditedInTheHour(volunteer, "registration.resent"));
  }

  private long auditedInTheHour(Caller actor, String action) {
    return audit.count(
        actor.personId().toString(), null, action, clock.instant().minus(Duration.ofHours(1)));
  }

  private void requireOpen(Slot slot) {
    if (!slot.openAt(clock.instant())) {
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

  private RegistrationView view(Registration r, Caller caller) {
    Event event = r.slot().event();
    boolean maskPhone =
        r.phone() != null
            && !caller.isAdmin()
            && !caller.personId().equals(r.personId())
            && !caller.personId().equals(r.createdBy());
    TicketView ticket =
        r.status() == Registration.Status.TICKETED
            ? tickets.view(r.id(), event.zone()).orElse(null)
            : null;
    return new RegistrationView(
        r.id().toString(),
        r.status().name(),
        r.channel().name(),
        r.name(),
        maskPhone && r.phone() != null ? new PhoneNumber(r.phone()).masked() : r.phone(),
        r.partySize(),
        SlotView.of(r.slot()),
        r.createdAt().atZone(event.zone()).toOffsetDateTime(),
        r.createdBy() == null ? null : r.createdBy().toString(),
        ticket);
  }
}
