package in.pravesh.identity.application;

import in.pravesh.identity.domain.Person;
import in.pravesh.identity.domain.PhoneNumber;
import in.pravesh.platform.SqlValues;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** People by phone, and the roles their tokens carry (from {@link StaffRoles}). */
@Stateless
public class People {

  @PersistenceContext EntityManager em;
  @Inject IdentityConfig config;
  @Inject StaffRoles staff;

  public Optional<Person> byPhone(PhoneNumber phone) {
    return em.createQuery("select p from Person p where p.phone = :phone", Person.class)
        .setParameter("phone", phone.e164())
        .getResultStream()
        .findFirst();
  }

  /**
   * The person with this phone, created at their first login. Read under a share lock, held to the
   * end of the caller's transaction: retention ({@link #forgetUnused}) skips a person someone is
   * about to register or log in, and a person retention is deleting is waited for and made anew.
   */
  public Person findOrCreate(PhoneNumber phone) {
    return lockedByPhone(phone)
        .orElseGet(
            () -> {
              // Two first logins at once: the unique phone makes one insert fail; read the other.
              em.createNativeQuery(
                      "insert into person (id, phone, created_at) values (?1, ?2, now())"
                          + " on conflict (phone) do nothing")
                  .setParameter(1, java.util.UUID.randomUUID())
                  .setParameter(2, phone.e164())
                  .executeUpdate();
              return lockedByPhone(phone).orElseThrow();
            });
  }

  private Optional<Person> lockedByPhone(PhoneNumber phone) {
    return em.createQuery("select p from Person p where p.phone = :phone", Person.class)
        .setParameter("phone", phone.e164())
        .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_READ)
        .getResultStream()
        .findFirst();
  }

  /**
   * The identity a token will carry for this person now. The staff roles are read under a share
   * lock ({@link StaffRoles}) and the time taken after it: a demotion either waits for this login
   * (and its revocation's cutoff follows the token's issue time) or commits before it (and the
   * roles are the new ones).
   */
  public Identity identityOf(Person person) {
    List<String> roles = new ArrayList<>(List.of(Identity.VISITOR));
    List<String> staffRoles = staff.rolesOf(person.phone());
    roles.addAll(staffRoles);
    return new Identity(
        person.id(),
        person.phone().e164(),
        List.copyOf(roles),
        config.tokenLifetime(!staffRoles.isEmpty()),
        // The database's clock, as the revocations' cutoffs (TokenRevocations).
        SqlValues.databaseNow(em));
  }

  /**
   * Deletes up to {@code limit} people whom nothing needs any more (retention, in its own
   * transaction): no registration points at them (registrations lose their person when retention
   * anonymises them), not staff, no login code kept (codes are kept a day after they expire), and
   * created before {@code createdBefore}. People locked by a registration or a login under way are
   * skipped. Returns how many.
   */
  @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.REQUIRES_NEW)
  public int forgetUnused(java.time.Instant createdBefore, int limit) {
    return em.createNativeQuery(
            "delete from person p using (select q.id from person q where q.created_at < ?1"
                + " and not exists (select 1 from registration r where r.person_id = q.id)"
                + " and not exists (select 1 from staff s where s.phone = q.phone)"
                + " and not exists (select 1 from otp_challenge o where o.phone = q.phone)"
                + " limit ?2 for update skip locked) unused where p.id = unused.id")
        .setParameter(1, java.sql.Timestamp.from(createdBefore))
        .setParameter(2, limit)
        .executeUpdate();
  }
}
