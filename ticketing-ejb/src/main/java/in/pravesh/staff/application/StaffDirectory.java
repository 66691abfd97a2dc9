package in.pravesh.staff.application;

import in.pravesh.audit.AuditLog;
import in.pravesh.event.domain.Gate;
import in.pravesh.identity.application.Identity;
import in.pravesh.identity.application.IdentityConfig;
import in.pravesh.identity.application.People;
import in.pravesh.identity.application.TokenRevocations;
import in.pravesh.identity.domain.OtpCodes;
import in.pravesh.identity.domain.PhoneNumber;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.ProblemType;
import in.pravesh.staff.domain.StaffMember;
import in.pravesh.staff.domain.StaffRole;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The staff list (admins' side) and staff logins by one-time code. */
@Stateless
public class StaffDirectory {

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject IdentityConfig config;
  @Inject People people;
  @Inject TokenRevocations revocations;
  @Inject AuditLog audit;

  private OtpCodes codes;

  @PostConstruct
  void init() {
    codes = new OtpCodes(config.otpPepper());
  }

  public List<StaffView> list() {
    return em.createQuery("select s from StaffMember s order by s.name", StaffMember.class)
        .getResultStream()
        .map(StaffView::of)
        .toList();
  }

  public StaffView add(
      PhoneNumber phone, String name, StaffRole role, UUID gateId, AuditLog.Actor actor) {
    if (staffByPhone(phone).isPresent()) {
      throw new BusinessException(
          ProblemType.ALREADY_REGISTERED, "This phone is already on the staff list");
    }
    StaffMember member = new StaffMember(phone.e164(), name, role, gate(gateId));
    em.persist(member);
    audit.record(
        actor, "staff.added", member.id().toString(), role.roleName() + " " + phone.masked());
    return StaffView.of(member);
  }

  /** Changes a member; deactivating or demoting revokes their tokens at once, on every node. */
  public StaffView update(
      UUID id, Boolean active, StaffRole role, Optional<UUID> gateId, AuditLog.Actor actor) {
    // Locked before it is read: logins read it under a share lock (StaffRolesFromList), so the
    // revocation's cutoff below comes after the issue time of every token with the old roles.
    StaffMember member = em.find(StaffMember.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (member == null) {
      throw BusinessException.notFound("Staff member");
    }
    boolean lostRights =
        member.update(active, role, gateId.map(this::gate).orElse(null), gateId.isPresent());
    if (lostRights) {
      people
          .byPhone(new PhoneNumber(member.phone()))
          .ifPresent(p -> revocations.revokeSubject(p.id()));
    }
    audit.record(
        actor,
        "staff.changed",
        id.toString(),
        "active=" + active + " role=" + role + (lostRights ? " (tokens revoked)" : ""));
    return StaffView.of(member);
  }

  /** A one-time login code for a member, valid for a short while; only its hash is kept. */
  public LoginCode issueLoginCode(UUID staffId, UUID issuedBy, AuditLog.Actor actor) {
    StaffMember member = member(staffId);
    if (!member.active()) {
      throw new BusinessException(ProblemType.VALIDATION, "This staff member is not active");
    }
    String code = codes.newLoginCode();
    Instant now = clock.instant();
    Instant expiresAt = now.plus(config.staffLoginCodeLifetime());
    em.createNativeQuery(
            "insert into staff_login_code (id, staff_id, code_hash, created_by, created_at,"
                + " expires_at) values (?1, ?2, ?3, ?4, ?5, ?6)")
        .setParameter(1, UUID.randomUUID())
        .setParameter(2, staffId)
        .setParameter(3, codes.hash(OtpCodes.normalizeLoginCode(code)))
        .setParameter(4, issuedBy)
        .setParameter(5, Timestamp.from(now))
        .setParameter(6, Timestamp.from(expiresAt))
        .executeUpdate();
    audit.record(actor, "staff.login-code.issued", staffId.toString(), "expires " + expiresAt);
    return new LoginCode(code, expiresAt.atOffset(ZoneOffset.UTC));
  }

  /**
   * Exchanges a login code for the member's identity: once, before it expires, while the member is
   * active. Anything else is refused without saying why.
   */
  public Optional<Identity> exchangeLoginCode(String typedCode, String address) {
    String hash = codes.hash(OtpCodes.normalizeLoginCode(typedCode));
    @SuppressWarnings("unchecked")
    List<Object> staffIds =
        em.createNativeQuery(
                "update staff_login_code set used_at = now() where code_hash = ?1"
                    + " and used_at is null and expires_at > now() returning staff_id")
            .setParameter(1, hash)
            .getResultList();
    if (staffIds.isEmpty()) {
      return Optional.empty();
    }
    StaffMember member = em.find(StaffMember.class, staffIds.get(0));
    if (member == null || !member.active()) {
      return Optional.empty();
    }
    Identity identity = people.identityOf(people.findOrCreate(new PhoneNumber(member.phone())));
    audit.record(
        new AuditLog.Actor(identity.personId().toString(), address),
        "staff.login-code.used",
        member.id().toString(),
        null);
    return Optional.of(identity);
  }

  /** The gate an active staff member with this phone (E.164) is assigned to, if any. */
  public Optional<UUID> gateOf(String phone) {
    return em.createQuery(
            "select s.gate.id from StaffMember s where s.phone = :phone and s.active = true"
                + " and s.gate is not null",
            UUID.class)
        .setParameter("phone", phone)
        .getResultStream()
        .findFirst();
  }

  private Optional<StaffMember> staffByPhone(PhoneNumber phone) {
    return em.createQuery("select s from StaffMember s where s.phone = :phone", StaffMember.class)
        .setParameter("phone", phone.e164())
        .getResultStream()
        .findFirst();
  }

  private StaffMember member(UUID id) {
    StaffMember member = em.find(StaffMember.class, id);
    if (member == null) {
      throw BusinessException.notFound("Staff member");
    }
    return member;
  }

  private Gate gate(UUID gateId) {
    if (gateId == null) {
      return null;
    }
    Gate gate = em.find(Gate.class, gateId);
    if (gate == null || gate.retired()) {
      throw BusinessException.invalid("gateId", "No such gate (or it is retired)");
    }
    return gate;
  }
}
