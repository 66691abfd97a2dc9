package in.pravesh.console;

import in.pravesh.audit.AuditLog;
import in.pravesh.identity.api.SessionCookies;
import in.pravesh.identity.application.TokenRevocations;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.api.security.ClientAddresses;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What every console page shares: the signed-in admin, their audit identity, messages (field errors
 * beside their fields), the language, and signing out.
 */
@Named
@RequestScoped
public class Console {

  static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss").withZone(ZONE);

  @Inject HttpServletRequest request;
  @Inject ClientAddresses addresses;
  @Inject TokenRevocations revocations;

  private static final String LANGUAGE_COOKIE = "pravesh_lang";

  /**
   * The page's language: {@code ?lang=hi} or {@code ?lang=en} chooses (and is remembered in a
   * cookie), else the remembered choice, else the browser's preference; English by default.
   */
  public Locale getLocale() {
    String asked = request.getParameter("lang");
    if ("hi".equals(asked) || "en".equals(asked)) {
      HttpServletResponse response =
          (HttpServletResponse)
              FacesContext.getCurrentInstance().getExternalContext().getResponse();
      response.addHeader(
          "Set-Cookie",
          LANGUAGE_COOKIE + "=" + asked + "; Path=/admin; Max-Age=31536000; SameSite=Strict");
      return Locale.forLanguageTag(asked);
    }
    if (request.getCookies() != null) {
      for (var cookie : request.getCookies()) {
        if (LANGUAGE_COOKIE.equals(cookie.getName())
            && ("hi".equals(cookie.getValue()) || "en".equals(cookie.getValue()))) {
          return Locale.forLanguageTag(cookie.getValue());
        }
      }
    }
    return "hi".equals(request.getLocale().getLanguage())
        ? Locale.forLanguageTag("hi")
        : Locale.ENGLISH;
  }

  public Optional<JsonWebToken> token() {
    return request.getUserPrincipal() instanceof JsonWebToken token
        ? Optional.of(token)
        : Optional.empty();
  }

  public String getPhone() {
    return token().map(t -> (String) t.getClaim("phone")).orElse("");
  }

  public UUID personId() {
    return UUID.fromString(token().orElseThrow().getSubject());
  }

  /** Who acts, for the audit log: the admin and the client address of this request. */
  public AuditLog.Actor actor() {
    return new AuditLog.Actor(token().orElseThrow().getSubject(), address());
  }

  public String address() {
    return addresses.resolve(request);
  }

  public String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant);
  }

  /** Ends the session: the token is revoked and the cookies cleared. */
  public String signOut() throws IOException {
    token()
        .ifPresent(
            t ->
                revocations.revokeToken(
                    t.getTokenID(), Instant.ofEpochSecond(t.getExpirationTime())));
    FacesContext faces = FacesContext.getCurrentInstance();
    HttpServletResponse response = (HttpServletResponse) faces.getExternalContext().getResponse();
    SessionCookies.clearHeaders(request.getScheme(), request.getServerName())
        .forEach(header -> response.addHeader("Set-Cookie", header));
    var session = request.getSession(false);
    if (session != null) {
      session.invalidate(); // the views' state (a login code shown) goes with it
    }
    response.sendRedirect(request.getContextPath() + ConsoleGuard.LOGIN);
    faces.responseComplete();
    return null;
  }

  /** A message for the whole page. */
  static void info(String text) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
  }

  /**
   * A refused use case as messages: each field error beside its field ({@code formId:field}),
   * anything else for the whole page.
   */
  static void refused(BusinessException e, String formId) {
    FacesContext faces = FacesContext.getCurrentInstance();
    Object errors = e.extensions().get("errors");
    if (errors instanceof Map<?, ?> fields && !fields.isEmpty()) {
      fields.forEach(
          (field, message) -> {
            String id = formId + ":" + field;
            // Beside its field when the form has one; for the whole page otherwise.
            boolean onPage = faces.getViewRoot().findComponent(":" + id) != null;
            faces.addMessage(
                onPage ? id : null,
                new FacesMessage(
                    FacesMessage.SEVERITY_ERROR,
                    onPage ? String.valueOf(message) : field + ": " + message,
                    null));
          });
    } else {
      StringBuilder text = new StringBuilder(e.getMessage());
      e.extensions()
          .forEach(
              (name, value) -> {
                if (!"errors".equals(name)) {
                  text.append(" · ").append(name).append(": ").append(value);
                }
              });
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text.toString(), null));
    }
    faces.validationFailed();
  }

  /** A label in the page's language. */
  static String label(String key) {
    FacesContext faces = FacesContext.getCurrentInstance();
    return ResourceBundle.getBundle("in.pravesh.console.messages", faces.getViewRoot().getLocale())
        .getString(key);
  }
}
