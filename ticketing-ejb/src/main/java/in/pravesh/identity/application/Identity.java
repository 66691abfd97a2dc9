package in.pravesh.identity.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who logged in: what a token says about them (subject, phone, roles), how long it lives, and when
 * the roles were read ({@code asOf}, under the staff row's share lock): the token's issue time, so
 * a revocation that a later change of the staff row makes refuses it.
 */
public record Identity(
    UUID personId, String phone, List<String> roles, Duration tokenLifetime, Instant asOf) {

  public static final String VISITOR = "visitor";
  public static final String VOLUNTEER = "volunteer";
  public static final String ADMIN = "admin";

  public boolean isStaff() {
    return roles.contains(VOLUNTEER) || roles.contains(ADMIN);
  }
}
