package in.pravesh.staff.domain;

/** The extra role a staff member's token carries, besides {@code visitor}. */
public enum StaffRole {
  VOLUNTEER,
  ADMIN;

  /** The name used in tokens' {@code groups} and in {@code @RolesAllowed}. */
  public String roleName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
