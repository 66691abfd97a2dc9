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

  /** The person with this phone, created at their first login. */
  public Person findOrCreate(PhoneNumber phone) {
    return byPhone(phone)
        .orElseGet(
            () -> {
              // Two first logins at once: the unique phone makes one insert fail; read the other.
              em.createNativeQuery(
                      "insert into person (id, phone, created_at) values (?1, ?2, now())"
                          + " on conflict (phone) do nothing")
                  .setParameter(1, java.util.UUID.randomUUID())
                  .setParameter(2, phone.e164())
                  .executeUpdate();
              return byPhone(phone).orElseThrow();
            });
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
   * Deletes those of these people whom nothing needs any more (retention): no registration left
   * pointing at them, not staff, and no login code in the last day (a person who logged in lately
   * may hold a token for a registration to come). Returns how many.
   */
  public int forgetUnused(java.util.Collection<java.util.UUID> personIds) {
    if (personIds.isEmpty()) {
      return 0;
    }
    return em.createNativeQuery(
            "delete from person p where p.id = any(cast(?1 as uuid[]))"
                + " and not exists (select 1 from registration r where r.person_id = p.id)"
                + " and not exists (select 1 from staff s where s.phone = p.phone)"
                + " and not exists (select 1 from otp_challenge o where o.phone = p.phone)")
        .setParameter(1, personIds.stream().map(Object::toString).toArray(String[]::new))
        .executeUpdate();
  }
}
