package in.pravesh.identity.application;

import in.pravesh.identity.domain.PhoneNumber;
import java.util.List;

/**
 * The roles a phone holds besides {@code visitor}. Declared here and implemented by {@code staff}
 * (which sits above identity), so identity depends on no context above it.
 */
public interface StaffRoles {

  /**
   * {@link Identity#VOLUNTEER}, and {@link Identity#ADMIN} for an administrator, while the phone is
   * active on the staff list; empty otherwise. The staff row is read under a share lock held until
   * the transaction ends, so a change of the row waits for the login that read it.
   */
  List<String> rolesOf(PhoneNumber phone);
}
