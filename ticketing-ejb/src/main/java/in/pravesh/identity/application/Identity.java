package in.pravesh.identity.application;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Who logged in: what a token says about them (subject, phone, roles) and how long it lives. */
public record Identity(UUID personId, String phone, List<String> roles, Duration tokenLifetime) {

  public static final String VISITOR = "visitor";
  public static final String VOLUNTEER = "volunteer";
  public static final String ADMIN = "admin";

  public boolean isStaff() {
    return roles.contains(VOLUNTEER) || roles.contains(ADMIN);
  }
}
