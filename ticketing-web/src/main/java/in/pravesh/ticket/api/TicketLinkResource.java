package in.pravesh.ticket.api;

import in.pravesh.platform.BusinessException;
import in.pravesh.platform.ProblemType;
import in.pravesh.platform.QrCodes;
import in.pravesh.ticket.application.TicketLinks;
import in.pravesh.ticket.application.Tickets;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The signed public link to a ticket's QR image, as sent by WhatsApp and SMS. */
@Path("/tickets")
@Tag(name = "Registrations")
public class TicketLinkResource {

  @Inject TicketLinks links;
  @Inject Tickets tickets;
  @Inject Clock clock;

  @GET
  @Path("/{ticketId}/qr.png")
  @Produces("image/png")
  @PermitAll
  @Operation(summary = "A ticket's QR code by signed link (403 for a bad or expired signature)")
  public Response qr(
      @PathParam("ticketId") String ticketId,
      @QueryParam("exp") long exp,
      @QueryParam("sig") String sig) {
    if (!links.valid(ticketId, exp, sig, clock.instant())) {
      throw forbidden();
    }
    String token =
        tickets.liveTokenById(ticketId).orElseThrow(() -> BusinessException.notFound("Ticket"));
    return Response.ok(QrCodes.png(token), "image/png")
        .header("Cache-Control", "private, max-age=300")
        .build();
  }

  private static BusinessException forbidden() {
    return new BusinessException(
        ProblemType.FORBIDDEN, "This ticket link is not valid or has expired");
  }
}
