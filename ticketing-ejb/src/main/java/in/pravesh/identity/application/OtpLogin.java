package in.pravesh.identity.application;

import in.pravesh.identity.domain.OtpChallenge;
import in.pravesh.identity.domain.OtpCodes;
import in.pravesh.identity.domain.PhoneNumber;
import in.pravesh.notification.application.MessageSender;
import in.pravesh.notification.application.OutgoingMessage;
import in.pravesh.platform.ratelimit.RateLimiter;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Login by one-time code: a code is sent to the phone, and the right code within five minutes gives
 * an identity. Unknown phones and wrong codes are refused alike.
 */
@Stateless
public class OtpLogin {

  static final Duration RESEND_AFTER = Duration.ofSeconds(30);

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject IdentityConfig config;
  @Inject RateLimiter rateLimiter;
  @Inject MessageSender messages;
  @Inject People people;

  @Inject
  @ConfigProperty(
      name = "ticketing.sms.otp-text",
      defaultValue = "{code} is your Pravesh login code. It expires in 5 minutes. Do not share it.")
  String smsText;

  @Inject
  @ConfigProperty(name = "ticketing.whatsapp.otp-content-sid", defaultValue = "HX-dev-otp")
  String whatsappOtpContentSid;

  private OtpCodes codes;

  @PostConstruct
  void init() {
    codes = new OtpCodes(config.otpPepper());
  }

  /** Sends a new code to the phone; earlier codes stop working. */
  public OtpIssued request(PhoneNumber phone, OutgoingMessage.Channel channel, String address) {
    rateLimiter.acquire(
        "otp-address", address, config.perAddressPerMinute(), Duration.ofMinutes(1));
    boolean staff = people.activeStaff(phone).isPresent();
    Instant now = clock.instant();
    rateLimiter.acquire(
        staff ? "otp-staff-phone" : "otp-phone",
        phone.e164(),
        config.otpRequestsPerPhone(staff),
        IdentityConfig.OTP_WINDOW,
        () -> recent(phone, now, "count(*)"));

    // One statement, so that a guess being counted on a live code is never overwritten.
    em.createNativeQuery(
            "update otp_challenge set dead = true, version = version + 1 where phone = ?1"
                + " and not dead and consumed_at is null and expires_at > ?2")
        .setParameter(1, phone.e164())
        .setParameter(2, now)
        .executeUpdate();
    String code = codes.newCode();
    em.persist(new OtpChallenge(phone, codes.hash(phone, code), channel.wireName(), now));
    String text = smsText.replace("{code}", code);
    messages.send(
        (channel == OutgoingMessage.Channel.WHATSAPP
                ? new OutgoingMessage(
                    "otp",
                    channel,
                    phone.e164(),
                    text,
                    null,
                    whatsappOtpContentSid,
                    Map.of("1", code))
                : OutgoingMessage.text("otp", channel, phone.e164(), text))
            .carrying(code));
    return new OtpIssued(OtpChallenge.LIFETIME.toSeconds(), RESEND_AFTER.toSeconds());
  }

  /**
   * Checks a code. A wrong one counts against the phone's current code (five kill it) and is
   * recorded even though the caller is refused, so nothing here throws for a wrong code.
   *
   * @return the identity for a right code, empty for anything else
   */
  public Optional<Identity> verify(PhoneNumber phone, String code, String address) {
    rateLimiter.acquire(
        "verify-address", address, config.perAddressPerMinute(), Duration.ofMinutes(1));
    Instant now = clock.instant();
    rateLimiter.acquire(
        "verify-phone",
        phone.e164(),
        config.verificationsPerPhone(),
        IdentityConfig.OTP_WINDOW,
        () -> recent(phone, now, "coalesce(sum(attempts), 0)"));
    Optional<OtpChallenge> challenge =
        em.createQuery(
                "select c from OtpChallenge c where c.phone = :phone order by c.createdAt desc",
                OtpChallenge.class)
            .setParameter("phone", phone.e164())
            .setMaxResults(1)
            // Read under the row lock: parallel guesses are counted one after the other, none lost.
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultStream()
            .findFirst();
    // Hash even when there is no challenge, so an unknown phone takes as long as a wrong code.
    String hash = codes.hash(phone, code);
    if (challenge.isEmpty()
        || challenge.get().attempt(hash, now) != OtpChallenge.Outcome.VERIFIED) {
      return Optional.empty();
    }
    return Optional.of(people.identityOf(people.findOrCreate(phone)));
  }

  /** An aggregate over the phone's challenges of the rate-limit window (the limits' fallback). */
  private long recent(PhoneNumber phone, Instant now, String aggregate) {
    return ((Number)
            em.createNativeQuery(
                    "select "
                        + aggregate
                        + " from otp_challenge where phone = ?1 and created_at > ?2")
                .setParameter(1, phone.e164())
                .setParameter(2, now.minus(IdentityConfig.OTP_WINDOW))
                .getSingleResult())
        .longValue();
  }
}
