package in.pravesh.notification.infrastructure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import in.pravesh.notification.application.DeliveryUncertainException;
import in.pravesh.notification.application.MessageRefusedException;
import in.pravesh.notification.application.Notifier;
import in.pravesh.notification.application.OutgoingMessage;
import in.pravesh.notification.application.ProviderUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.UUID;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends SMS and WhatsApp messages through Twilio's REST API with the twilio-java SDK. WhatsApp
 * business-initiated messages use approved content templates (content SID and variables); SMS to
 * Indian numbers carry the DLT-registered wording the caller put in the body. Each message asks for
 * delivery callbacks at {@code /api/twilio/status}.
 */
@ApplicationScoped
public class TwilioNotifier implements Notifier {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject
  @ConfigProperty(name = "ticketing.twilio.account-sid", defaultValue = "AC-not-configured")
  String accountSid;

  @Inject
  @ConfigProperty(name = "ticketing.twilio.auth-token", defaultValue = "dev-twilio-token")
  String authToken;

  /** A sender number (+1...) or a messaging service SID (MG...). */
  @Inject
  @ConfigProperty(name = "ticketing.twilio.sms-from", defaultValue = "MG-not-configured")
  String smsFrom;

  @Inject
  @ConfigProperty(name = "ticketing.twilio.whatsapp-from", defaultValue = "+14155238886")
  String whatsappFrom;

  /** Empty for Twilio itself; a test points it at a stand-in (WireMock). */
  @Inject
  @ConfigProperty(name = "ticketing.twilio.api-base-url", defaultValue = " ")
  String apiBaseUrl;

  @Inject
  @ConfigProperty(name = "ticketing.public.base-url", defaultValue = "http://localhost:8080")
  String publicBaseUrl;

  private volatile TwilioRestClient client;

  public TwilioNotifier() {}

  /** For tests and tools outside the container. */
  public TwilioNotifier(
      String accountSid,
      String authToken,
      String smsFrom,
      String whatsappFrom,
      String apiBaseUrl,
      String publicBaseUrl) {
    this.accountSid = accountSid;
    this.authToken = authToken;
    this.smsFrom = smsFrom;
    this.whatsappFrom = whatsappFrom;
    this.apiBaseUrl = apiBaseUrl;
    this.publicBaseUrl = publicBaseUrl;
  }

  @Override
  public String name() {
    return "twilio";
  }

  @Override
  public Delivery send(OutgoingMessage message, UUID messageId) {
    MessageCreator creator =
        message.channel() == OutgoingMessage.Channel.WHATSAPP ? whatsapp(message) : sms(message);
    if (message.mediaUrl() != null) {
      creator.setMediaUrl(URI.create(message.mediaUrl()));
    }
    // Our id in the callback: a report tells us Twilio has a message whose send timed out.
    creator.setStatusCallback(
        URI.create(
            publicBaseUrl + "/api/twilio/status" + (messageId == null ? "" : "?mid=" + messageId)));
    try {
      Message sent = creator.create(client());
      return new Delivery(sent.getSid());
    } catch (ApiException e) {
      Integer status = e.getStatusCode();
      if (status != null && status >= 400 && status < 500 && status != 429) {
        throw new MessageRefusedException("Twilio refused the message: " + e.getMessage(), e);
      }
      if (status != null && (status == 502 || status == 504)) {
        // A gateway gave up waiting: Twilio behind it may have taken the message.
        throw new DeliveryUncertainException("Twilio's gateway answered " + status, e);
      }
      throw failure(e);
    } catch (ApiConnectionException e) {
      throw failure(e);
    }
  }

  /**
   * A failure other than a refusal. When the connection broke after the request went out (an I/O
   * error other than failing to connect), Twilio may have the message: uncertain, never retried
   * blindly. Otherwise (no connection, or Twilio answered 5xx or 429) it is an outage.
   */
  private static RuntimeException failure(RuntimeException e) {
    boolean ioAfterConnect = false;
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof java.net.ConnectException
          || c instanceof java.net.UnknownHostException
          || c instanceof java.net.NoRouteToHostException
          || c instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
        return new ProviderUnavailableException("Twilio cannot be reached: " + e.getMessage(), e);
      }
      if (c instanceof java.io.IOException
          && !(c instanceof com.fasterxml.jackson.core.JacksonException)) {
        ioAfterConnect = true;
      }
    }
    return ioAfterConnect
        ? new DeliveryUncertainException("No answer from Twilio: " + e.getMessage(), e)
        : new ProviderUnavailableException("Twilio is unavailable: " + e.getMessage(), e);
  }

  private MessageCreator sms(OutgoingMessage message) {
    PhoneNumber to = new PhoneNumber(message.to());
    return smsFrom.startsWith("MG")
        ? Message.creator(to, smsFrom, message.body())
        : Message.creator(to, new PhoneNumber(smsFrom), message.body());
  }

  private MessageCreator whatsapp(OutgoingMessage message) {
    PhoneNumber to = new PhoneNumber("whatsapp:" + message.to());
    PhoneNumber from = new PhoneNumber("whatsapp:" + whatsappFrom);
    if (message.contentSid() == null) {
      return Message.creator(to, from, message.body());
    }
    try {
      return Message.creator(to, from, (String) null)
          .setContentSid(message.contentSid())
          .setContentVariables(JSON.writeValueAsString(message.contentVariables()));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Content variables are plain strings", e);
    }
  }

  private TwilioRestClient client() {
    TwilioRestClient current = client;
    if (current == null) {
      synchronized (this) {
        if (client == null) {
          client =
              new TwilioRestClient.Builder(accountSid, authToken)
                  .httpClient(new NetworkHttpClient(httpClient(apiBaseUrl.strip())))
                  .build();
        }
        current = client;
      }
    }
    return current;
  }

  /**
   * The HTTP client under the SDK. A pooled connection idle for a second is checked before it
   * carries a message: a stale one (closed at Twilio's end) would otherwise fail the send in a way
   * that cannot be told from a lost answer, and such a message is not sent again blindly. A read
   * blocks at most 10 s (the fault-tolerance timeout of 8 s cannot interrupt a socket read). With
   * {@code base} set, every request goes there instead of Twilio's hosts (paths unchanged).
   */
  private static HttpClientBuilder httpClient(String base) {
    HttpClientBuilder builder =
        HttpClientBuilder.create()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(32)
                    .setMaxConnPerRoute(32)
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                            .setConnectTimeout(Timeout.ofSeconds(10))
                            .setSocketTimeout(Timeout.ofSeconds(10))
                            .build())
                    .build());
    if (!base.isEmpty()) {
      URI uri = URI.create(base);
      HttpHost target = new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort());
      builder.setRoutePlanner((host, context) -> new HttpRoute(target));
    }
    return builder;
  }
}
