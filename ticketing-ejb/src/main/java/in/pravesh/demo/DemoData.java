package in.pravesh.demo;

import in.pravesh.event.application.SlotRegistrations;
import in.pravesh.event.domain.Event;
import in.pravesh.event.domain.Gate;
import in.pravesh.event.domain.Slot;
import in.pravesh.platform.CatalogChanges;
import in.pravesh.platform.PraveshConfig;
import in.pravesh.staff.domain.StaffMember;
import in.pravesh.staff.domain.StaffRole;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.logging.Logger;

/**
 * Development mode's demo data (api.md, Development mode): the event {@code demo-book-fair}
 * covering today and the two following days, two gates, an admin and a volunteer. Idempotent: on
 * every start (and every night after midnight in the event's zone) it adds what is missing and
 * extends the event with the new days' slots (past slots nobody used are removed; used ones keep
 * their dates), so a second run weeks later still works.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigration", "ProductionSecretsCheck"})
public class DemoData {

  public static final String SLUG = "demo-book-fair";
  public static final String ADMIN_PHONE = "+919000000001";
  public static final String VOLUNTEER_PHONE = "+919000000002";

  private static final Logger LOG = Logger.getLogger(DemoData.class.getName());
  private static final ZoneId ZONE = ZoneId.of(Event.DEFAULT_TIME_ZONE);
  private static final int CAPACITY = 5_000;
  private static final int WALK_IN_RESERVE = 500;
  // Any constant will do: it only keeps two nodes starting together from seeding twice.
  private static final long SEED_LOCK = 0x5052415645534844L;

  @PersistenceContext EntityManager em;
  @Inject PraveshConfig config;
  @Inject Clock clock;
  @Inject CatalogChanges catalog;
  @Inject SlotRegistrations slotRegistrations;

  @PostConstruct
  void onStart() {
    if (config.devMode()) {
      refresh();
    }
  }

  @Schedule(hour = "0", minute = "0", second = "30", timezone = "Asia/Kolkata", persistent = false)
  void afterMidnight() {
    onStart();
  }

  /** Creates what is missing and adds the coming days; returns the demo event's slug. */
  public String refresh() {
    catalog.changed();
    em.createNativeQuery("select pg_advisory_xact_lock(?1)")
        .setParameter(1, SEED_LOCK)
        .getSingleResult();
    LocalDate today = LocalDate.now(clock.withZone(ZONE));
    Event event =
        em.createQuery("select e from Event e where e.slug = :slug", Event.class)
            .setParameter("slug", SLUG)
            .getResultStream()
            .findFirst()
            .orElseGet(() -> createEvent(today));
    // Rolled forward by adding days and their slots, never by moving slots: a slot's date is
    // inside the signed tokens of the tickets already issued for it. Past slots nobody used go.
    event.extendTo(DemoCalendar.lastDay(today));
    for (Slot slot : List.copyOf(event.slots())) {
      if (slot.date().isBefore(today)
          && slot.seats().taken() == 0
          && slotRegistrations.count(slot.id()) == 0) {
        event.slots().remove(slot);
        em.remove(slot);
      }
    }
    for (int day = 0; day < DemoCalendar.DAYS; day++) {
      LocalDate date = today.plusDays(day);
      if (event.slots().stream().noneMatch(slot -> slot.date().equals(date))) {
        em.persist(
            new Slot(
                event, date, LocalTime.of(10, 0), LocalTime.of(20, 0), CAPACITY, WALK_IN_RESERVE));
      }
    }
    event.startLater(today);
    if (event.gates().isEmpty()) {
      em.persist(new Gate(event, "Gate 1 (Main)"));
      em.persist(new Gate(event, "Gate 2 (Metro)"));
    }
    ensureStaff(ADMIN_PHONE, "Demo Admin", StaffRole.ADMIN, null);
    ensureStaff(VOLUNTEER_PHONE, "Demo Volunteer", StaffRole.VOLUNTEER, event.gates().get(0));
    return event.slug();
  }

  private Event createEvent(LocalDate today) {
    Event event =
        new Event(
            SLUG,
            "Demo Book Fair",
            "Pragati Maidan, New Delhi",
            ZONE,
            today,
            today.plusDays(DemoCalendar.DAYS - 1L));
    em.persist(event);
    LOG.info("Demo event created: " + SLUG);
    return event;
  }

  private void ensureStaff(String phone, String name, StaffRole role, Gate gate) {
    boolean known =
        !em.createQuery("select s.id from StaffMember s where s.phone = :phone")
            .setParameter("phone", phone)
            .getResultList()
            .isEmpty();
    if (!known) {
      em.persist(new StaffMember(phone, name, role, gate));
    }
  }
}
