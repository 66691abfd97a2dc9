package in.pravesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.NodeList;

/**
 * One person's WhatsApp chat with the bot, through the webhook, each message signed as Twilio signs
 * it (the development auth token, over the public URL and the sorted form parameters). Keeps the
 * transcript.
 */
final class WhatsAppChat {

  static final String PUBLIC_URL = "http://localhost:8080/api/whatsapp/webhook";
  static final String TOKEN = "dev-twilio-token";

  final String phone;
  final List<String[]> transcript = new ArrayList<>();

  WhatsAppChat(String phone) {
    this.phone = phone;
  }

  /** Sends {@code text} and returns the bot's reply messages. */
  List<String> say(String text) throws Exception {
    return say(text, "SM" + UUID.randomUUID().toString().replace("-", ""));
  }

  List<String> say(String text, String messageSid) throws Exception {
    Response response = post(form(text, messageSid), true);
    response.then().statusCode(200).contentType("text/xml");
    List<String> replies = bodies(response.asString());
    transcript.add(new String[] {"visitor", text});
    replies.forEach(reply -> transcript.add(new String[] {"bot", reply}));
    return replies;
  }

  /** The reply's texts, in one string, for assertions. */
  String reply(String text) throws Exception {
    return String.join("\n", say(text));
  }

  Map<String, String> form(String text, String messageSid) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("MessageSid", messageSid);
    form.put("AccountSid", "AC00000000000000000000000000000001");
    form.put("From", "whatsapp:" + phone);
    form.put("To", "whatsapp:+14155238886");
    form.put("Body", text);
    form.put("NumMedia", "0");
    return form;
  }

  static Response post(Map<String, String> form, boolean signed) throws Exception {
    var request = TestServer.api().config(utf8()).formParams(form);
    if (signed) {
      request =
          request.header("X-Twilio-Signature", DeliveryReportIT.signature(PUBLIC_URL, form, TOKEN));
    }
    return request.post("/api/whatsapp/webhook");
  }

  private static io.restassured.config.RestAssuredConfig utf8() {
    return io.restassured.config.RestAssuredConfig.config()
        .encoderConfig(
            io.restassured.config.EncoderConfig.encoderConfig()
                .defaultContentCharset(StandardCharsets.UTF_8)
                .encodeContentTypeAs(
                    "application/x-www-form-urlencoded", io.restassured.http.ContentType.URLENC));
  }

  /** The texts of a TwiML answer's messages. */
  static List<String> bodies(String twiml) throws Exception {
    var document =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(twiml.getBytes(StandardCharsets.UTF_8)));
    assertThat(document.getDocumentElement().getTagName()).isEqualTo("Response");
    NodeList bodies = document.getElementsByTagName("Body");
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < bodies.getLength(); i++) {
      texts.add(bodies.item(i).getTextContent());
    }
    return texts;
  }
}
