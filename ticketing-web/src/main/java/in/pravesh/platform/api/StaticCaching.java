package in.pravesh.platform.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Cache headers for the web app (frontend module): its assets have content-hashed names, so a
 * browser or a CDN keeps them a year without asking; the page that names them is asked for every
 * time (no-cache: revalidated), so a new release is seen at once and never mixed with old assets.
 */
@WebFilter({"/", "/index.html", "/sw.js", "/asset-manifest.json", "/assets/*"})
public class StaticCaching extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    response.setHeader(
        "Cache-Control",
        path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
    chain.doFilter(request, response);
  }
}
