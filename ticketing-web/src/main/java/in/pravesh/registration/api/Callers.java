package in.pravesh.registration.api;

import in.pravesh.registration.application.Caller;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller of a request, from their verified token. */
public final class Callers {

  private Callers() {}

  public static Caller of(JsonWebToken token) {
    return new Caller(
        UUID.fromString(token.getSubject()),
        token.getClaim("phone"),
        Set.copyOf(token.getGroups()));
  }
}
