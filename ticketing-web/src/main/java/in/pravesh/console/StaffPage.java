package in.pravesh.console;

import in.pravesh.event.application.AdminEventView;
import in.pravesh.event.application.EventAdmin;
import in.pravesh.identity.application.IdentityConfig;
import in.pravesh.identity.domain.PhoneNumber;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.QrCodes;
import in.pravesh.staff.application.LoginCode;
import in.pravesh.staff.application.StaffDirectory;
import in.pravesh.staff.application.StaffView;
import in.pravesh.staff.domain.StaffRole;
import jakarta.annotation.PostConstruct;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The staff list: add a volunteer or admin, change their role or gate, deactivate them (their
 * tokens are revoked at once), and issue a one-time login code, shown once with its QR code.
 */
@Named
@ViewScoped
public class StaffPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject StaffDirectory directory;
  @Inject EventAdmin events;
  @Inject IdentityConfig config;
  @Inject Console console;

  private List<StaffView> staff;
  private Map<String, String> gateNames;
  private List<SelectItem> gates;

  @NotBlank(message = "{console.required}")
  @Size(max = 20)
  private String phone;

  @NotBlank(message = "{console.required}")
  @Size(max = 200)
  private String name;

  @Pattern(regexp = "volunteer|admin")
  private String role = "volunteer";

  private String gateId;

  private final Map<String, String> gateChoice = new java.util.HashMap<>();
  private String codeFor;
  private LoginCode code;

  @PostConstruct
  void load() {
    staff = directory.list();
    gateChoice.clear();
    staff.forEach(m -> gateChoice.put(m.id(), m.gateId()));
    List<AdminEventView> all = events.list();
    gates = new ArrayList<>();
    gateNames =
        all.stream()
            .flatMap(
                e -> e.gates().stream().map(g -> Map.entry(g.id(), e.slug() + " · " + g.name())))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
    all.forEach(
        e ->
            e.gates().stream()
                .filter(g -> !g.retired())
                .forEach(g -> gates.add(new SelectItem(g.id(), e.slug() + " · " + g.name()))));
  }

  public void add() {
    code = null;
    try {
      directory.add(
          PhoneNumber.parse(phone, config.countryCodes()),
          name.strip(),
          StaffRole.valueOf(role.toUpperCase(Locale.ROOT)),
          blankToNull(gateId),
          console.actor());
      phone = null;
      name = null;
      gateId = null;
      Console.info(Console.label("console.saved"));
      load();
    } catch (BusinessException e) {
      Console.refused(e, "add");
    }
  }

  /** Changes one thing of a member (the rest as it is now, not as this page last saw it). */
  private void change(StaffView member, Boolean active, String role, String gate) {
    code = null;
    try {
      directory.update(
          UUID.fromString(member.id()),
          active,
          role == null ? null : StaffRole.valueOf(role.toUpperCase(Locale.ROOT)),
          Optional.ofNullable(blankToNull(gate)),
          console.actor());
      Console.info(Console.label("console.saved"));
      load();
    } catch (BusinessException e) {
      Console.refused(e, "list");
    }
  }

  public void deactivate(StaffView member) {
    change(member, false, null, null);
  }

  public void activate(StaffView member) {
    change(member, true, null, null);
  }

  public void promote(StaffView member) {
    change(member, null, "admin", null);
  }

  public void demote(StaffView member) {
    change(member, null, "volunteer", null);
  }

  /** Assigns a row's member to the gate chosen in its row; their scanner starts there. */
  public void setGate(StaffView member) {
    String chosen = gateChoice.get(member.id());
    if (chosen == null || chosen.isBlank()) {
      return;
    }
    change(member, null, null, chosen);
  }

  public Map<String, String> getGateChoice() {
    return gateChoice;
  }

  /** A one-time login code for a member, shown once (and audited). */
  public void issueCode(StaffView member) {
    try {
      code =
          directory.issueLoginCode(
              UUID.fromString(member.id()), console.personId(), console.actor());
      codeFor = member.name();
    } catch (BusinessException e) {
      Console.refused(e, "list");
    }
  }

  /** The login code as a QR image (a data: URI), for the volunteer's phone to scan. */
  public String getCodeQr() {
    return code == null
        ? null
        : "data:image/png;base64," + Base64.getEncoder().encodeToString(QrCodes.png(code.code()));
  }

  public String gateName(String id) {
    return id == null ? "" : gateNames.getOrDefault(id, id);
  }

  private static UUID blankToNull(String id) {
    if (id == null || id.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw BusinessException.invalid("gateId", "No such gate");
    }
  }

  public List<StaffView> getStaff() {
    return staff;
  }

  public List<SelectItem> getGates() {
    return gates;
  }

  public String getPhone() {
    return phone;
  }

  public void setPhone(String phone) {
    this.phone = phone;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getRole() {
    return role;
  }

  public void setRole(String role) {
    this.role = role;
  }

  public String getGateId() {
    return gateId;
  }

  public void setGateId(String gateId) {
    this.gateId = gateId;
  }

  public LoginCode getCode() {
    return code;
  }

  public String getCodeFor() {
    return codeFor;
  }
}
