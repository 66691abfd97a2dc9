package in.pravesh.staff.application;

import in.pravesh.staff.domain.StaffMember;

/** A staff member as the admin API shows them. */
public record StaffView(
    String id, String phone, String name, String role, String gateId, boolean active) {

  static StaffView of(StaffMember member) {
    return new StaffView(
        member.id().toString(),
        member.phone(),
        member.name(),
        member.role().roleName(),
        member.gate() == null ? null : member.gate().id().toString(),
        member.active());
  }
}
