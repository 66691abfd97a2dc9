package in.pravesh.it;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.restassured.path.json.JsonPath;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The WhatsApp bot through Twilio's webhook, signed as Twilio signs it: whole conversations in
 * English and Hindi that end with the ticket in the chat (its QR decodes to a token the event's
 * published key verifies), and everything a chat can throw at it. The two conversations are written
 * to {@code docs/whatsapp.md} as they happened.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WhatsAppIT {

  static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
  static final Map<String, List<String[]>> TRANSCRIPTS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** An event of this test's own, with a morning, a full afternoon and a next day. */
  record Fair(String slug, String name, UUID morning, UUID afternoonFull, UUID nextDay) {}

  /** The transcripts' event (nothing else adds slots to it) and the other tests' event. */
  static Fair city;

  static Fair town;

  @BeforeAll
  static void events() throws Exception {
    city = fair("book-fair-", "City Book Fair");
    town = fair("town-fair-", "Town Fair");
  }

  /** Tomorrow morning and afternoon (full), the day after. */
  static Fair fair(String prefix, String name) throws Exception {
    String slug = prefix + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt(), 4);
    LocalDate today = LocalDate.now(KOLKATA);
    try (Connection db = TestServer.database();
        PreparedStatement event =
            db.prepareStatement(
                "insert into event (id, slug, name, venue, time_zone, starts_on, ends_on) values"
                    + " (gen_random_uuid(), ?, ?, 'Pragati Maidan, Hall 2', 'Asia/Kolkata', ?, ?)")) {
      event.setString(1, slug);
      event.setString(2, name);
      event.setObject(3, today);
      event.setObject(4, today.plusDays(2));
      event.executeUpdate();
    }
    return new Fair(
        slug,
        name,
        slot(slug, today.plusDays(1), "10:00", "13:00", 100, 0),
        slot(slug, today.plusDays(1), "14:00", "18:00", 50, 50),
        slot(slug, today.plusDays(2), "10:00", "13:00", 100, 0));
  }

  static UUID slot(String slug, LocalDate date, String from, String to, int capacity, int reserve)
      throws Exception {
    return TestSlots.create(slug, date, from, to, capacity, reserve);
  }

  @Test
  void anEnglishConversationEndsWithTheTicketInTheChat() throws Exception {
    WhatsAppChat chat = new WhatsAppChat(Sessions.newPhone());

    assertThat(chat.reply(city.slug()))
        .contains("Reply 1 for English")
        .contains("हिन्दी के लिए 2 भेजें");
    assertThat(chat.reply("1")).contains("What is your name?");
    String slots = chat.reply("Asha Rao 🌸");
    assertThat(slots)
        .contains("City Book Fair")
        .containsPattern("1\\. \\w{3} \\d{1,2} \\w{3}, 10:00–13:00")
        .containsPattern("2\\. .*14:00–18:00 \\(full\\)")
        .contains("3. ");
    assertThat(chat.reply("2")).contains("that time is full");
    assertThat(chat.reply("1")).contains("How many people");
    String summary = chat.reply("3");
    assertThat(summary)
        .contains("Name: Asha Rao 🌸")
        .contains("For: 3 people")
        .contains("10:00–13:00")
        .contains("http://localhost:8080/privacy");
    assertThat(chat.reply("YES")).contains("Thank you, Asha Rao 🌸!").contains("will follow");

    Outbox ticket = awaitTicketMessage(chat.phone, "Your Pravesh ticket");
    chat.transcript.add(new String[] {"ticket", ticket.body(), ticket.mediaUrl()});
    assertThat(ticket.body()).contains("City Book Fair").contains("3 people");
    assertValidTicketQr(ticket, chat.phone, city.slug());
    try (Connection db = TestServer.database();
        PreparedStatement query =
            db.prepareStatement(
                "select name, party_size, channel, consent_channel, consent_at, slot_id, status"
                    + " from registration where phone = ?")) {
      query.setString(1, chat.phone);
      ResultSet row = query.executeQuery();
      assertThat(row.next()).isTrue();
      assertThat(row.getString("name")).isEqualTo("Asha Rao 🌸");
      assertThat(row.getInt("party_size")).isEqualTo(3);
      assertThat(row.getString("channel")).isEqualTo("WHATSAPP");
      assertThat(row.getString("consent_channel")).isEqualTo("WHATSAPP");
      assertThat(row.getTimestamp("consent_at")).isNotNull();
      assertThat(row.getObject("slot_id")).isEqualTo(city.morning());
      assertThat(row.getString("status")).isEqualTo("TICKETED");
      assertThat(row.next()).as("one registration").isFalse();
    }

    assertThat(chat.reply("thanks")).contains("You are registered");
    assertThat(chat.reply("ticket")).contains("on its way");
    awaitCount(chat.phone, "Your Pravesh ticket", 2);
    assertThat(chat.say("help")).hasSize(2).first().asString().contains("'start over'");
    TRANSCRIPTS.put("en", chat.transcript);
  }

  @Test
  void aHindiConversationInDevanagariDigitsEndsWithTheTicketInHindi() throws Exception {
    WhatsAppChat chat = new WhatsAppChat(Sessions.newPhone());

    assertThat(chat.reply(city.slug().toUpperCase())).contains("हिन्दी के लिए 2 भेजें");
    assertThat(chat.reply("२")).contains("आपका नाम क्या है?");
    String slots = chat.reply("आशा Rao 😊");
    assertThat(slots).contains("City Book Fair").contains("(भर गया)").contains("3. ");
    assertThat(chat.reply("३")).contains("कितने लोग");
    assertThat(chat.reply("२"))
        .contains("नाम: आशा Rao 😊")
        .contains("लोग: 2 व्यक्ति")
        .contains("privacy?lang=hi");
    assertThat(chat.reply("हाँ")).contains("धन्यवाद, आशा Rao 😊!");

    Outbox ticket = awaitTicketMessage(chat.phone, "आपका प्रवेश टिकट");
    chat.transcript.add(new String[] {"ticket", ticket.body(), ticket.mediaUrl()});
    assertThat(ticket.body()).contains("2 व्यक्ति").contains("कोड:");
    assertValidTicketQr(ticket, chat.phone, city.slug());
    assertThat(
            ScanIT.count(
                "select count(*) from registration where phone = ? and slot_id = '"
                    + city.nextDay()
                    + "'",
                chat.phone))
        .isEqualTo(1);

    assertThat(chat.reply("टिकट")).contains("आपका टिकट इसी चैट में आ रहा है");
    assertThat(chat.say("मदद")).hasSize(2).last().asString().contains("आपका पंजीकरण हो गया है");
    assertThat(chat.reply("बंद")).contains("START");
    assertThat(chat.reply("START")).contains("फिर से स्वागत है");
    TRANSCRIPTS.put("hi", chat.transcript);
  }

  @Test
  void missingOrWrongSignaturesAreRefusedBeforeAnythingIsStored() throws Exception {
    WhatsAppChat chat = new WhatsAppChat(Sessions.newPhone());
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    Map<String, String> form = chat.form("hi", sid);

    WhatsAppChat.post(form, false)
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:pravesh:problem:forbidden"));
    TestServer.api()
        .header(
            "X-Twilio-Signature",
            DeliveryReportIT.signature(WhatsAppChat.PUBLIC_URL, form, "another-token"))
        .formParams(form)
        .post("/api/whatsapp/webhook")
        .then()
        .statusCode(403);
    // Signed for other parameters (the body changed on the way).
    TestServer.api()
        .header(
            "X-Twilio-Signature",
            DeliveryReportIT.signature(
                WhatsAppChat.PUBLIC_URL, chat.form("1", sid), WhatsAppChat.TOKEN))
        .formParams(form)
        .post("/api/whatsapp/webhook")
        .then()
        .statusCode(403);

    assertThat(ScanIT.count("select count(*) from whatsapp_inbound where message_sid = ?", sid))
        .isZero();
    assertThat(
            ScanIT.count("select count(*) from whatsapp_conversation where phone = ?", chat.phone))
        .isZero();
    assertThat(ScanIT.count("select count(*) from whatsapp_contact where phone = ?", chat.phone))
        .isZero();
  }

  @Test
  void aMessageDeliveredTwiceIsAnsweredOnceAndActsOnce() throws Exception {
    WhatsAppChat chat = new WhatsAppChat(Sessions.newPhone());
    chat.say(town.slug());
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");

    assertThat(chat.say("1", sid)).singleElement().asString().contains("What is your name?");
    assertThat(chat.say("1", sid)).as("the same MessageSid again").isEmpty();
    assertThat(chat.reply("Ravi"))
        .as("the conversation moved one step")
        .contains("when would you like");
    assertThat(ScanIT.count("select count(*) from whatsapp_inbound where message_sid = ?", sid))
        .isEqualTo(1);
  }

  @Test
  void longBodiesEmojiAndMixedScriptsInNames() throws Exception {
    WhatsAppChat chat = new WhatsAppChat(Sessions.newPhone());
    chat.say(town.slug());
    chat.say("1");

    assertThat(chat.reply("x".repeat(5_000))).contains("at most 100 characters");
    assertThat(chat.reply("🙂🙂")).contains("Please send your name in letters");
    assertThat(chat.reply("12345")).contains("Please send your name in letters");
    assertThat(chat.reply("  Mohd.  Imran\tख़ान 🙏 ")).contains("when would you like");
    chat.say("1");
    assertThat(chat.reply("1")).contains("Name: Mohd. Imran ख़ान 🙏");
  }

  @Test
  void anUnknownAnswerAtEachStepGetsAShortPromptAgain() throws Exception {
    WhatsAppChat chat = new WhatsAppChat(Sessions.newPhone());
    chat.say("hello");

    assertThat(chat.reply("what is this?")).as("language").contains("Reply 1 for English");
    chat.say("1");
    assertThat(chat.reply("🙂")).as("name").contains("your name in letters");
    String events = chat.reply("Meera");
    if (events.contains("Which event")) {
      assertThat(chat.reply("abc")).as("event").contains("one of the numbers 1 to");
      Matcher ours = Pattern.compile("(\\d+)\\. Town Fair").matcher(events);
      // Other tests' events are open too; ours is among them.
      assertThat(ours.find()).as(events).isTrue();
      chat.say(ours.group(1));
    }
    assertThat(chat.reply("nine")).as("slot").containsPattern("one of the numbers 1 to \\d");
    assertThat(chat.reply("99"))
        .as("slot out of range")
        .containsPattern("one of the numbers 1 to \\d");
    chat.say("1");
    assertThat(chat.reply("11")).as("party").contains("from 1 to 10");
    assertThat(chat.reply("0")).as("party").contains("from 1 to 10");
    chat.say("1");
    assertThat(chat.reply("maybe")).as("confirm").contains("Reply YES to confirm");
    assertThat(chat.reply("no")).contains("nothing was registered");
    assertThat(ScanIT.count("select count(*) from registration where phone = ?", chat.phone))
        .isZero();
  }

  @Test
  void aConversationIdleTooLongStartsAgain() throws Exception {
    WhatsAppChat chat = new WhatsAppChat(Sessions.newPhone());
    chat.say(town.slug());
    chat.say("1");
    chat.say("Kiran");
    try (Connection db = TestServer.database();
        PreparedStatement idle =
            db.prepareStatement(
                "update whatsapp_conversation set updated_at = now() - interval '31 minutes'"
                    + " where phone = ?")) {
      idle.setString(1, chat.phone);
      assertThat(idle.executeUpdate()).isEqualTo(1);
    }

    assertThat(chat.reply("1")).as("not taken as slot 1").contains("Reply 1 for English");
    assertThat(chat.reply("1")).contains("What is your name?");
  }

  @Test
  void commandsWorkAtEveryStep() throws Exception {
    WhatsAppChat chat = new WhatsAppChat(Sessions.newPhone());
    assertThat(chat.say("help")).hasSize(2);
    chat.say("1");
    chat.say("Nisha");
    assertThat(chat.reply("start over")).contains("What is your name?");
    chat.say("Nisha");
    chat.say("1");
    assertThat(chat.reply("cancel")).contains("nothing more was registered");
    assertThat(chat.reply("ticket")).contains("no ticket for this number");
    assertThat(chat.reply("फिर से"))
        .as("no language after cancel: the greeting")
        .contains("Reply 1 for English");
  }

  @Test
  void aSlotThatFillsBeforeTheJobRunsIsExplainedInTheChat() throws Exception {
    UUID small = slot(town.slug(), LocalDate.now(KOLKATA).plusDays(2), "15:00", "16:00", 4, 0);
    WhatsAppChat chat = new WhatsAppChat(Sessions.newPhone());
    chat.say(town.slug());
    chat.say("1");
    String slots = chat.reply("Farhan");
    Matcher line = Pattern.compile("(\\d+)\\. [^\\n]*15:00–16:00").matcher(slots);
    assertThat(line.find()).as(slots).isTrue();
    chat.say(line.group(1));
    assertThat(chat.reply("3")).contains("Please check");
    try (Connection db = TestServer.database();
        PreparedStatement fill =
            db.prepareStatement("update slot set online_taken = 4 where id = ?")) {
      fill.setObject(1, small);
      fill.executeUpdate();
    }

    assertThat(chat.reply("yes")).contains("will follow");
    awaitCount(chat.phone, "that time filled up", 1);
    assertThat(ScanIT.count("select count(*) from registration where phone = ?", chat.phone))
        .isZero();
    assertThat(chat.reply("ok")).contains("that time filled up");
    Thread.sleep(1_000);
    assertThat(outbox(chat.phone)).hasSize(1);
  }

  @Test
  void aSlotAlreadyHeldOrAnEventClosedMeanwhileGetsAWayOn() throws Exception {
    WhatsAppChat chat =
        registerByChat(new WhatsAppChat(Sessions.newPhone()), "10:00–13:00", "Deepa");
    assertThat(chat.reply("start over")).contains("What is your name?");
    String slots = chat.reply("Deepa");
    Matcher morning = Pattern.compile("(\\d+)\\. [^\\n]*10:00–13:00").matcher(slots);
    assertThat(morning.find()).as(slots).isTrue();
    assertThat(chat.reply(morning.group(1)))
        .contains("already has a ticket for that time")
        .contains("'ticket'");

    Fair closing = fair("closing-fair-", "Closing Fair");
    WhatsAppChat late = new WhatsAppChat(Sessions.newPhone());
    late.say(closing.slug());
    late.say("1");
    assertThat(late.reply("Vikram")).contains("Closing Fair");
    try (Connection db = TestServer.database();
        PreparedStatement close =
            db.prepareStatement("update event set registration_open = false where slug = ?")) {
      close.setString(1, closing.slug());
      close.executeUpdate();
    }
    assertThat(late.reply("1"))
        .contains("no longer open")
        .as("what is open now")
        .contains("Reply with")
        .doesNotContain("Closing Fair");
  }

  @Test
  void floodsFromOneNumberAreCutOffWithoutTouchingOthers() throws Exception {
    WhatsAppChat flooder = new WhatsAppChat(Sessions.newPhone());
    int answered = 0;
    for (int i = 0; i < 30; i++) {
      if (!flooder.say("spam " + i).isEmpty()) {
        answered++;
      }
    }
    assertThat(answered).isEqualTo(20);
    assertThat(ScanIT.count("select count(*) from whatsapp_inbound where phone = ?", flooder.phone))
        .isEqualTo(20);

    WhatsAppChat other = new WhatsAppChat(Sessions.newPhone());
    assertThat(other.reply("hi")).contains("Reply 1 for English");
    // Over its limit, the number can still opt out.
    assertThat(flooder.reply("STOP")).contains("no reminders or announcements");
    assertThat(flooder.say("STOP")).as("answered once").isEmpty();
    assertThat(
            ScanIT.count(
                "select count(*) from whatsapp_contact where phone = ? and opted_out_at is not null",
                flooder.phone))
        .isEqualTo(1);
  }

  @Test
  void aSlowDatabaseGetsABusyAnswerAtOnceAndTheMessageCanBeSentAgain() throws Exception {
    WhatsAppChat chat = new WhatsAppChat(Sessions.newPhone());
    chat.say(town.slug());
    chat.say("1");
    try (Connection db = TestServer.database()) {
      db.setAutoCommit(false);
      try (PreparedStatement hold =
          db.prepareStatement("select 1 from whatsapp_conversation where phone = ? for update")) {
        hold.setString(1, chat.phone);
        hold.executeQuery();
      }
      long start = System.nanoTime();
      assertThat(chat.reply("Ravi")).contains("very busy").contains("एक मिनट बाद");
      assertThat((System.nanoTime() - start) / 1_000_000).as("ms to answer").isLessThan(9_000);
      db.rollback();
    }
    assertThat(ScanIT.count("select count(*) from whatsapp_inbound where phone = ?", chat.phone))
        .as("the busy message was not recorded")
        .isEqualTo(2);
    assertThat(chat.reply("Ravi")).as("sent again").contains("when would you like");
  }

  @Test
  void erasureTakesTheChatAlong() throws Exception {
    WhatsAppChat chat = new WhatsAppChat(Sessions.newPhone());
    chat.say(town.slug());
    chat.say("1");
    chat.say("Geeta");

    TestServer.api()
        .auth()
        .oauth2(Sessions.token(chat.phone))
        .delete("/api/me")
        .then()
        .statusCode(204);

    for (String table : List.of("whatsapp_inbound", "whatsapp_conversation", "whatsapp_contact")) {
      assertThat(ScanIT.count("select count(*) from " + table + " where phone = ?", chat.phone))
          .as(table)
          .isZero();
    }
  }

  @Test
  void stopKeepsBroadcastsAwayButNotTheTicketAskedFor() throws Exception {
    UUID slot = slot(town.slug(), LocalDate.now(KOLKATA).plusDays(1), "18:00", "19:00", 50, 0);
    WhatsAppChat stopping =
        registerByChat(new WhatsAppChat(Sessions.newPhone()), "18:00–19:00", "Anil");
    WhatsAppChat staying =
        registerByChat(new WhatsAppChat(Sessions.newPhone()), "18:00–19:00", "Sunita");
    awaitTicketMessage(stopping.phone, "Your Pravesh ticket");
    awaitTicketMessage(staying.phone, "Your Pravesh ticket");

    assertThat(stopping.reply("STOP")).contains("no reminders or announcements");
    assertThat(stopping.reply("ticket")).contains("on its way");
    awaitCount(stopping.phone, "Your Pravesh ticket", 2);
    TestServer.api()
        .auth()
        .oauth2(Sessions.token(Sessions.ADMIN))
        .contentType("application/json")
        .body(Map.of("slotId", slot.toString(), "message", "Hall 2 opens late"))
        .post("/api/admin/broadcasts")
        .then()
        .statusCode(202)
        .body("recipients", equalTo(2));

    awaitCount(staying.phone, "Hall 2 opens late", 1);
    Thread.sleep(1_500);
    assertThat(outbox(stopping.phone)).noneMatch(m -> m.body().contains("Hall 2 opens late"));
    assertThat(stopping.reply("START")).contains("again");
    assertThat(
            ScanIT.count(
                "select count(*) from whatsapp_contact where phone = ? and opted_out_at is null",
                stopping.phone))
        .isEqualTo(1);
  }

  @Test
  void outboundMessagesGoToTwilioAsFreeTextInTheWindowAndAsTheTemplateAfterIt() throws Exception {
    WireMockServer twilio = TwilioStandIn.start();
    String phone = TwilioStandIn.phone();
    registerByChat(new WhatsAppChat(phone), "10:00–13:00", "Leela");

    String inWindow = awaitTwilio(twilio, phone, 1).get(0);
    assertThat(inWindow)
        .contains("To=whatsapp:" + phone)
        .contains("From=whatsapp:+14155238886")
        .contains("Body=Your Pravesh ticket")
        .contains("MediaUrl=http://localhost:8080/api/tickets/")
        .doesNotContain("ContentSid");

    try (Connection db = TestServer.database();
        PreparedStatement old =
            db.prepareStatement(
                "update whatsapp_contact set last_inbound_at = now() - interval '2 days'"
                    + " where phone = ?")) {
      old.setString(1, phone);
      old.executeUpdate();
    }
    String registration = registrationOf(phone);
    TestServer.api()
        .auth()
        .oauth2(Sessions.token(Sessions.ADMIN))
        .contentType("application/json")
        .body(Map.of("channel", "whatsapp"))
        .post("/api/registrations/" + registration + "/resend")
        .then()
        .statusCode(202);
    String afterWindow = awaitTwilio(twilio, phone, 2).get(1);
    assertThat(afterWindow)
        .contains("To=whatsapp:" + phone)
        .contains("ContentSid=")
        .contains("MediaUrl=http://localhost:8080/api/tickets/");
  }

  // --- helpers -----------------------------------------------------------------------------------

  private WhatsAppChat registerByChat(WhatsAppChat chat, String hours, String name)
      throws Exception {
    chat.say(town.slug());
    chat.say("1");
    String slots = chat.reply(name);
    Matcher line = Pattern.compile("(\\d+)\\. [^\\n]*" + hours).matcher(slots);
    assertThat(line.find()).as(slots).isTrue();
    chat.say(line.group(1));
    chat.say("1");
    assertThat(chat.reply("yes")).contains("will follow");
    return chat;
  }

  record Outbox(String body, String mediaUrl, String channel) {}

  static List<Outbox> outbox(String phone) {
    JsonPath json =
        TestServer.api()
            .urlEncodingEnabled(false)
            .get("/api/dev/outbox?to=" + URLEncoder.encode(phone, StandardCharsets.UTF_8))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<Outbox> messages = new ArrayList<>();
    for (int i = 0; i < json.getList("").size(); i++) {
      messages.add(
          new Outbox(
              json.getString("[" + i + "].body"),
              json.getString("[" + i + "].mediaUrl"),
              json.getString("[" + i + "].channel")));
    }
    return messages;
  }

  static Outbox awaitTicketMessage(String phone, String start) throws Exception {
    awaitCount(phone, start, 1);
    return outbox(phone).stream().filter(m -> m.body().startsWith(start)).findFirst().orElseThrow();
  }

  static void awaitCount(String phone, String text, int count) throws Exception {
    long deadline = System.currentTimeMillis() + 20_000;
    while (outbox(phone).stream().filter(m -> m.body().contains(text)).count() < count
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertThat(outbox(phone).stream().filter(m -> m.body().contains(text)))
        .as("messages to " + phone + " with " + text)
        .hasSize(count);
  }

  static List<String> awaitTwilio(WireMockServer twilio, String phone, int count) throws Exception {
    long deadline = System.currentTimeMillis() + 20_000;
    while (TwilioStandIn.sentTo(twilio, phone).size() < count
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    List<String> sent = TwilioStandIn.sentTo(twilio, phone);
    assertThat(sent).hasSize(count);
    twilio.verify(
        count,
        postRequestedFor(urlEqualTo(TwilioStandIn.MESSAGES))
            .withRequestBody(containing(phone.replace("+", "%2B"))));
    return sent;
  }

  static String registrationOf(String phone) throws Exception {
    try (Connection db = TestServer.database();
        PreparedStatement query =
            db.prepareStatement("select id from registration where phone = ?")) {
      query.setString(1, phone);
      ResultSet row = query.executeQuery();
      assertThat(row.next()).isTrue();
      return row.getString(1);
    }
  }

  /**
   * The message's image: a QR code whose text is the ticket's token, signed by the event's key as
   * published at {@code /api/events/{slug}/ticket-key} (checked with the JDK's own Ed25519).
   */
  static void assertValidTicketQr(Outbox message, String phone, String slug) throws Exception {
    assertThat(message.channel()).isEqualTo("whatsapp");
    assertThat(message.mediaUrl()).startsWith("http://localhost:8080/api/tickets/");
    byte[] png =
        TestServer.api()
            .urlEncodingEnabled(false)
            .get(message.mediaUrl().replace("http://localhost:8080", ""))
            .then()
            .statusCode(200)
            .contentType("image/png")
            .extract()
            .asByteArray();
    // ZXing with TRY_HARDER, as the server's photo scans: without it, ZXing's plain reader misses
    // about 3 % of these clean 480 px codes (measured: 15 of 500), which every hinted pass reads.
    String token = RegistrationIT.decodeQr(png);
    assertThat(token).startsWith("TKT1.");
    try (Connection db = TestServer.database();
        PreparedStatement query =
            db.prepareStatement(
                "select t.token from ticket t join registration r on r.id = t.registration_id"
                    + " where r.phone = ?")) {
      query.setString(1, phone);
      ResultSet row = query.executeQuery();
      assertThat(row.next()).isTrue();
      assertThat(token).isEqualTo(row.getString(1));
    }
    String[] parts = token.substring("TKT1.".length()).split("\\.");
    byte[] payload = Base64.getUrlDecoder().decode(parts[0]);
    String publicKey =
        TestServer.api()
            .get("/api/events/" + slug + "/ticket-key")
            .jsonPath()
            .getString("keys[0].publicKey");
    byte[] spki =
        concat(
            HexFormat.of().parseHex("302a300506032b6570032100"),
            Base64.getDecoder().decode(publicKey));
    Signature ed25519 = Signature.getInstance("Ed25519");
    ed25519.initVerify(
        KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
    ed25519.update(payload);
    assertThat(ed25519.verify(Base64.getUrlDecoder().decode(parts[1]))).as("signature").isTrue();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** The two conversations, as they went, into docs/whatsapp.md (when both ran). */
  @AfterAll
  static void writeTranscripts() throws Exception {
    if (!TRANSCRIPTS.containsKey("en") || !TRANSCRIPTS.containsKey("hi")) {
      return;
    }
    StringBuilder doc = new StringBuilder();
    doc.append("# WhatsApp: two conversations with the bot\n\n")
        .append("Written by `WhatsAppIT` from a real run against the test server on ")
        .append(ZonedDateTime.now(KOLKATA).toLocalDate())
        .append(" (dates in the event's time zone, Asia/Kolkata): every line below is what the")
        .append(" webhook answered, or the ticket message the notification job sent. The event,")
        .append(
            " `City Book Fair`, is the test's own; its slug is the first message, as a poster's")
        .append(
            " link to the chat would send it (`https://wa.me/<number>?text=<slug>`). The conversation")
        .append(" is specified in `../shared/docs/api.md` (WhatsApp); the words live in")
        .append(" `ticketing-ejb/src/main/resources/in/pravesh/whatsapp/ChatTexts*.properties`.\n");
    transcript(doc, "In English", TRANSCRIPTS.get("en"));
    transcript(doc, "हिन्दी में (in Hindi, with Devanagari digits)", TRANSCRIPTS.get("hi"));
    Path file =
        Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("whatsapp.md");
    Files.writeString(file, doc.toString());
  }

  private static void transcript(StringBuilder doc, String title, List<String[]> lines) {
    doc.append("\n## ").append(title).append("\n");
    for (String[] line : lines) {
      switch (line[0]) {
        case "visitor" ->
            doc.append("\n**Visitor:** ").append(line[1].replace("\n", " ")).append("\n");
        case "bot" -> doc.append("\n**Pravesh:**\n\n").append(quote(line[1]));
        default ->
            doc.append("\n**Pravesh** (the ticket, a moment later, with the QR code image `")
                .append(line[2].replaceFirst("\\?.*", "?exp=…&sig=…"))
                .append("`):\n\n")
                .append(quote(line[1]));
      }
    }
  }

  private static String quote(String text) {
    StringBuilder quoted = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      quoted.append(line.isEmpty() ? ">" : "> " + line).append("  \n");
    }
    return quoted.toString();
  }
}
