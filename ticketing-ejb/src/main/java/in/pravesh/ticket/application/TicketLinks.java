package in.pravesh.ticket.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The signed public link to a ticket's QR image, as sent in WhatsApp and SMS messages: {@code
 * /api/tickets/{id}/qr.png?exp=..&sig=..}, valid until the end of the day after the ticket's date
 * in the event's time zone.
 */
@ApplicationScoped
public class TicketLinks {

  @Inject
  @ConfigProperty(name = "ticketing.link-secret", defaultValue = "dev-link-secret")
  String secret;

  @Inject
  @ConfigProperty(name = "ticketing.public.base-url", defaultValue = "http://localhost:8080")
  String publicBaseUrl;

  public String qrUrl(String ticketId, LocalDate ticketDate, ZoneId zone) {
    long exp = ticketDate.plusDays(2).atStartOfDay(zone).toEpochSecond();
    return publicBaseUrl
        + "/api/tickets/"
        + ticketId
        + "/qr.png?exp="
        + exp
        + "&sig="
        + sign(ticketId, exp);
  }

  /** Whether a link's expiry and signature are ours and still good. */
  public boolean valid(String ticketId, long exp, String sig, Instant now) {
    return sig != null
        && exp > now.getEpochSecond()
        && MessageDigest.isEqual(
            sign(ticketId, exp).getBytes(StandardCharsets.US_ASCII),
            sig.getBytes(StandardCharsets.US_ASCII));
  }

  private String sign(String ticketId, long exp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((ticketId + "." + exp).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
