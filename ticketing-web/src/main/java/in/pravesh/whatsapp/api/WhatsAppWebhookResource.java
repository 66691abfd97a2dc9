package in.pravesh.whatsapp.api;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Body;
import com.twilio.twiml.messaging.Message;
import in.pravesh.notification.application.TwilioSignatures;
import in.pravesh.platform.BusinessException;
import in.pravesh.platform.ProblemType;
import in.pravesh.platform.api.BodyLimit;
import in.pravesh.whatsapp.application.ChatReply;
import in.pravesh.whatsapp.application.PendingAnswer;
import in.pravesh.whatsapp.application.WhatsAppInbox;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Twilio's webhook for WhatsApp messages to our number (api.md, WhatsApp). */
@Path("/whatsapp/webhook")
@Tag(name = "WhatsApp")
public class WhatsAppWebhookResource {

  @Inject TwilioSignatures twilio;
  @Inject WhatsAppInbox inbox;

  @POST
  @PermitAll
  @BodyLimit(bytes = 64 * 1024)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_XML)
  @Operation(
      summary = "A WhatsApp message, from Twilio (X-Twilio-Signature checked first)",
      description =
          "Answers with TwiML: the bot's reply, or an empty <Response/> for a MessageSid answered"
              + " before or a number over its flood limit (20 messages a minute, 200 an hour by"
              + " default). The conversation: greeting in English and Hindi (1 English, 2 हिन्दी),"
              + " name, the event when several take registrations (a first message that is an"
              + " event's slug chooses it), slot, party size 1 to 10, YES/1/हाँ to confirm and"
              + " consent. help/मदद, cancel/रद्द, ticket/टिकट, start over/फिर से, STOP/बंद and"
              + " START work at every step; Devanagari digits count. The registration is made by a"
              + " job: the ticket, or why there is none, follows as a WhatsApp message.")
  @APIResponse(
      responseCode = "200",
      description = "TwiML",
      content =
          @Content(
              mediaType = "text/xml",
              schema =
                  @Schema(
                      type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
  @APIResponse(responseCode = "403", description = "Missing or wrong X-Twilio-Signature")
  @APIResponse(responseCode = "400", description = "Signed, but without From or MessageSid")
  public void message(
      MultivaluedMap<String, String> form,
      @HeaderParam("X-Twilio-Signature") String signature,
      @Context UriInfo uri,
      @Suspended AsyncResponse response) {
    Map<String, String> parameters = new HashMap<>();
    form.forEach((name, values) -> parameters.put(name, values.isEmpty() ? "" : values.get(0)));
    String query = uri.getRequestUri().getRawQuery();
    if (!twilio.signed(
        "/api/whatsapp/webhook" + (query == null ? "" : "?" + query), parameters, signature)) {
      throw new BusinessException(ProblemType.FORBIDDEN, "Not signed by Twilio");
    }
    String from = parameters.get("From");
    String sid = parameters.get("MessageSid");
    if (from == null || from.isBlank()) {
      throw BusinessException.invalid("From", "Required");
    }
    if (sid == null || sid.isBlank() || sid.length() > 64) {
      throw BusinessException.invalid("MessageSid", "Required, at most 64 characters");
    }
    // The request waits suspended (no server thread held) until the chat's pool answers, or the
    // deadline says "busy" (PendingAnswer: then nothing of the message was committed).
    PendingAnswer pending = new PendingAnswer();
    response.setTimeoutHandler(
        suspended -> {
          if (pending.giveUp()) {
            suspended.resume(twiml(inbox.busy()));
          } else {
            suspended.setTimeout(inbox.graceMs(), TimeUnit.MILLISECONDS);
          }
        });
    response.setTimeout(inbox.deadlineMs(), TimeUnit.MILLISECONDS);
    inbox.receive(
        pending, from, parameters.get("Body"), sid, reply -> response.resume(twiml(reply)));
  }

  private static String twiml(ChatReply reply) {
    MessagingResponse.Builder response = new MessagingResponse.Builder();
    for (String text : reply.messages()) {
      response.message(new Message.Builder().body(new Body.Builder(text).build()).build());
    }
    return response.build().toXml();
  }
}
