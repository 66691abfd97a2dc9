package in.pravesh.registration.api;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The privacy notice that registration's consent refers to (Digital Personal Data Protection Act,
 * 2023), at a stable address: {@code /privacy} in English, {@code /privacy?lang=hi} in Hindi (also
 * chosen by the browser's Accept-Language). Plain HTML, no script, readable on any phone; the
 * retention period is the configured one.
 */
@WebServlet("/privacy")
public class PrivacyNoticeServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject
  @ConfigProperty(name = "ticketing.retention.event-days", defaultValue = "30")
  int eventDays;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String lang = language(request);
    String notice;
    try (InputStream in = getClass().getResourceAsStream("privacy-notice_" + lang + ".html")) {
      notice =
          new String(in.readAllBytes(), StandardCharsets.UTF_8)
              .replace("{days}", String.valueOf(Math.max(0, eventDays)));
    }
    response.setContentType("text/html; charset=UTF-8");
    response.setHeader("Content-Language", lang);
    response.setHeader("Cache-Control", "public, max-age=3600");
    response.setHeader("Vary", "Accept-Language");
    response.getWriter().write(notice);
  }

  private static String language(HttpServletRequest request) {
    String asked = request.getParameter("lang");
    if (asked != null) {
      return asked.equals("hi") ? "hi" : "en";
    }
    for (Locale locale : java.util.Collections.list(request.getLocales())) {
      if (locale.getLanguage().equals("hi")) {
        return "hi";
      }
      if (locale.getLanguage().equals("en")) {
        return "en";
      }
    }
    return "en";
  }
}
