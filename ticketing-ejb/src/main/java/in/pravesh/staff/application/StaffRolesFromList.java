package in.pravesh.staff.application;

import in.pravesh.identity.application.Identity;
import in.pravesh.identity.application.StaffRoles;
import in.pravesh.identity.domain.PhoneNumber;
import in.pravesh.staff.domain.StaffMember;
import in.pravesh.staff.domain.StaffRole;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/** Roles from the staff list: an active member volunteers, an administrator also administers. */
@Stateless
@Local(StaffRoles.class)
public class StaffRolesFromList implements StaffRoles {

  @PersistenceContext EntityManager em;

  @Override
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public List<String> rolesOf(PhoneNumber phone) {
    return em.createQuery(
            "select s from StaffMember s where s.phone = :phone and s.active = true",
            StaffMember.class)
        .setParameter("phone", phone.e164())
        .setLockMode(LockModeType.PESSIMISTIC_READ)
        .getResultStream()
        .findFirst()
        .map(
            member ->
                member.role() == StaffRole.ADMIN
                    ? List.of(Identity.VOLUNTEER, Identity.ADMIN)
                    : List.of(Identity.VOLUNTEER))
        .orElse(List.of());
  }
}
