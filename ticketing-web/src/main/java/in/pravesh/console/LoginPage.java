package in.pravesh.console;

import in.pravesh.audit.AuditLog;
import in.pravesh.identity.api.SessionCookies;
import in.pravesh.identity.api.TokenIssuer;
import in.pravesh.identity.application.Identity;
import in.pravesh.identity.application.IdentityConfig;
import in.pravesh.identity.application.OtpLogin;
import in.pravesh.identity.domain.PhoneNumber;
import in.pravesh.notification.application.OutgoingMessage;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.api.security.ClientAddresses;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.Serializable;
import java.util.Optional;

/**
 * Signing in to the console: the same OTP login and session cookie as the web app (no second user
 * store), for admins only. Each sign-in is audited.
 */
@Named
@ViewScoped
public class LoginPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject OtpLogin otpLogin;
  @Inject TokenIssuer tokens;
  @Inject IdentityConfig config;
  @Inject AuditLog audit;
  @Inject ClientAddresses addresses;
  @Inject HttpServletRequest request;

  @NotBlank(message = "{console.phone.required}")
  @Size(max = 20)
  private String phone;

  @Pattern(regexp = "\\d{6}", message = "{console.code.format}")
  private String code;

  private boolean codeSent;

  /** Sends a login code to the phone (SMS). */
  public void send() {
    try {
      otpLogin.request(parsed(), OutgoingMessage.Channel.SMS, rateKey());
      codeSent = true;
      Console.info(Console.label("console.code.sent"));
    } catch (BusinessException e) {
      Console.refused(e, "login");
    }
  }

  /** Checks the code; an admin gets the session cookies and the console. */
  public String verify() throws IOException {
    try {
      if (code == null) {
        Console.refused(
            BusinessException.invalid("code", Console.label("console.required")), "login");
        return null;
      }
      Optional<Identity> identity = otpLogin.verify(parsed(), code, rateKey());
      if (identity.isEmpty()) {
        Console.refused(
            BusinessException.invalid("code", Console.label("console.code.wrong")), "login");
        return null;
      }
      if (!identity.get().roles().contains(Identity.ADMIN)) {
        audit.record(
            new AuditLog.Actor(identity.get().personId().toString(), address()),
            "console.login.refused",
            identity.get().personId().toString(),
            "not an admin");
        Console.refused(
            BusinessException.invalid("phone", Console.label("console.admins.only")), "login");
        return null;
      }
      TokenIssuer.AccessToken token = tokens.issue(identity.get());
      // A new session id for the signed-in admin: one fixed before sign-in is worth nothing.
      request.changeSessionId();
      audit.record(
          new AuditLog.Actor(identity.get().personId().toString(), address()),
          "console.login",
          identity.get().personId().toString(),
          null);
      FacesContext faces = FacesContext.getCurrentInstance();
      HttpServletResponse response = (HttpServletResponse) faces.getExternalContext().getResponse();
      SessionCookies.openHeaders(
              token.token(), token.expiresIn(), request.getScheme(), request.getServerName())
          .forEach(header -> response.addHeader("Set-Cookie", header));
      response.sendRedirect(request.getContextPath() + "/admin/index.xhtml");
      faces.responseComplete();
      return null;
    } catch (BusinessException e) {
      Console.refused(e, "login");
      return null;
    }
  }

  private PhoneNumber parsed() {
    return PhoneNumber.parse(phone, config.countryCodes());
  }

  private String address() {
    return addresses.resolve(request);
  }

  /** The client address as the rate limits count it (IPv6 by /64), as the API's login does. */
  private String rateKey() {
    return ClientAddresses.rateKey(address());
  }

  public String getPhone() {
    return phone;
  }

  public void setPhone(String phone) {
    this.phone = phone;
  }

  public String getCode() {
    return code;
  }

  public void setCode(String code) {
    this.code = code;
  }

  public boolean isCodeSent() {
    return codeSent;
  }
}
