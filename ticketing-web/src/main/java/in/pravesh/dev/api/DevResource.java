package in.pravesh.dev.api;

import in.pravesh.demo.DemoData;
import in.pravesh.event.application.EventCatalog;
import in.pravesh.event.application.EventView;
import in.pravesh.notification.application.DevOutbox;
import in.pravesh.notification.application.OutboxEntry;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.PraveshConfig;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Development mode's helpers (api.md, Development mode). They exist only in development mode and
 * answer only clients on the loopback address; everyone else gets 404, as if they did not exist.
 */
@Path("/dev")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Development mode")
public class DevResource {

  @Inject PraveshConfig config;
  @Inject DevOutbox outbox;
  @Inject DemoData demoData;
  @Inject EventCatalog catalog;
  @Context HttpServletRequest request;

  @GET
  @Path("/outbox")
  @Operation(
      summary = "Messages kept instead of sent, newest first (development mode, loopback only)")
  public List<OutboxEntry> outbox(@QueryParam("to") String to) {
    requireDevModeOnLoopback();
    return outbox.newestFirst(to == null || to.isBlank() ? null : plusRestored(to.strip()));
  }

  @POST
  @Path("/demo/refresh")
  @Operation(
      summary =
          "Re-run the demo seed now: add what is missing, roll the dates to cover today"
              + " (development mode, loopback only)")
  public EventView refreshDemo() {
    requireDevModeOnLoopback();
    return catalog.bySlug(demoData.refresh());
  }

  private void requireDevModeOnLoopback() {
    if (!config.devMode() || !isLoopback(request.getRemoteAddr())) {
      throw BusinessException.notFound("Route");
    }
  }

  private static boolean isLoopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  // An unencoded "+" in a query string arrives as a space: "?to=+9190..." means "+9190...".
  private static String plusRestored(String phone) {
    return Character.isDigit(phone.charAt(0)) ? "+" + phone : phone;
  }
}
