package in.pravesh.platform.api.security;

import in.pravesh.audit.AuditLog;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is acting in this request, for the audit log: the token's subject and the client address. */
@RequestScoped
public class RequestActor {

  @Inject JsonWebToken token;
  @Inject ClientAddresses addresses;
  @Inject HttpServletRequest http;

  public AuditLog.Actor actor() {
    return new AuditLog.Actor(token.getSubject(), address());
  }

  public String address() {
    return addresses.resolve(http);
  }

  /** The client address as rate limits count it (IPv6 by /64). */
  public String rateKey() {
    return ClientAddresses.rateKey(address());
  }
}
