package in.pravesh.registration.application;

import java.util.Set;
import java.util.UUID;

/** Who is asking, as their token says. */
public record Caller(UUID personId, String phone, Set<String> roles) {

  public boolean isStaff() {
    return roles.contains("volunteer") || roles.contains("admin");
  }

  public boolean isAdmin() {
    return roles.contains("admin");
  }
}
