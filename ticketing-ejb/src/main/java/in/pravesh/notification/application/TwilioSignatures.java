package in.pravesh.notification.application;

import com.twilio.security.RequestValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Twilio's {@code X-Twilio-Signature} on the webhooks it calls (delivery reports, WhatsApp
 * messages): HMAC-SHA1 of the URL Twilio was given and the sorted form parameters, keyed with the
 * auth token, checked with twilio-java's {@link RequestValidator}. The URL is the configured public
 * one, so the check holds behind a proxy that rewrites the host or the scheme.
 */
@ApplicationScoped
public class TwilioSignatures {

  @Inject
  @ConfigProperty(name = "ticketing.twilio.auth-token", defaultValue = "dev-twilio-token")
  String authToken;

  @Inject
  @ConfigProperty(name = "ticketing.public.base-url", defaultValue = "http://localhost:8080")
  String publicBaseUrl;

  /** Whether Twilio signed these parameters for our public URL of {@code pathAndQuery}. */
  public boolean signed(String pathAndQuery, Map<String, String> parameters, String signature) {
    return signature != null
        && !signature.isBlank()
        && new RequestValidator(authToken)
            .validate(publicBaseUrl + pathAndQuery, parameters, signature);
  }
}
