package in.pravesh.staff.domain;

import in.pravesh.event.domain.Gate;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.util.UUID;

/** A volunteer or an admin, known by phone (E.164); the staff list decides tokens' roles. */
@Entity
@Table(name = "staff")
public class StaffMember {

  @Id private UUID id;

  @Column(nullable = false, unique = true)
  private String phone;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private StaffRole role;

  @ManyToOne(fetch = FetchType.LAZY)
  @JoinColumn(name = "gate_id")
  private Gate gate;

  @Column(nullable = false)
  private boolean active;

  protected StaffMember() {}

  public StaffMember(String phone, String name, StaffRole role, Gate gate) {
    this.id = UUID.randomUUID();
    this.phone = phone;
    this.name = name;
    this.role = role;
    this.gate = gate;
    this.active = true;
  }

  /** Changes what the member may do; returns whether they lost rights (tokens must go). */
  public boolean update(Boolean active, StaffRole role, Gate gate, boolean changeGate) {
    boolean lostRights =
        (active != null && !active && this.active)
            || (role != null && this.role == StaffRole.ADMIN && role != StaffRole.ADMIN);
    if (active != null) {
      this.active = active;
    }
    if (role != null) {
      this.role = role;
    }
    if (changeGate) {
      this.gate = gate;
    }
    return lostRights;
  }

  public UUID id() {
    return id;
  }

  public String phone() {
    return phone;
  }

  public String name() {
    return name;
  }

  public StaffRole role() {
    return role;
  }

  public Gate gate() {
    return gate;
  }

  public boolean active() {
    return active;
  }
}
