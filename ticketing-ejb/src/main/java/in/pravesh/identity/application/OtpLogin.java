package in.pravesh.identity.application;

import in.pravesh.identity.domain.OtpChallenge;
import in.pravesh.identity.domain.OtpCodes;
import in.pravesh.identity.domain.PhoneNumber;
import in.pravesh.notification.application.MessageSender;
import in.pravesh.notification.application.OutgoingMessage;
import in.pravesh.platform.PraveshConfig;
import in.pravesh.platform.ratelimit.RateLimiter;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
  static final Duration VERIFY_BACKSTOP_WINDOW = Duration.ofHours(1);

  @PersistenceContext EntityManager em;
  @Inject Clock clock;
  @Inject IdentityConfig config;
  @Inject PraveshConfig platformConfig;
  @Inject RateLimiter rateLimiter;
  @Inject MessageSender messages;
  @Inject People people;
  @Inject OtpChallenges challenges;

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

  /**
   * Sends a new code to the phone; earlier codes stop working. The challenge is committed before
   * the code is sent, and no transaction is held while the provider answers.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public OtpIssued request(PhoneNumber phone, OutgoingMessage.Channel channel, String address) {
    rateLimiter.acquire(
        "otp-address", address, platformConfig.perAddressPerMinute(), Duration.ofMinutes(1));
    rateLimiter.acquire(
        "otp-address-hour", address, config.otpRequestsPerAddressPerHour(), Duration.ofHours(1));
    Instant now = clock.instant();
    // Counted per phone and client address, so that someone else asking for this phone's codes
    // does not use up its owner's allowance; the same for staff and visitors, so that the answers
    // never tell a staff phone apart. A slower backstop per phone holds whatever the address, in
    // the database when the cache cannot answer. A refused request supersedes nothing.
    rateLimiter.acquire(
        "otp-phone-address",
        phone.e164() + "|" + address,
        config.otpRequestsPerPhone(),
        IdentityConfig.OTP_WINDOW);
    rateLimiter.acquire(
        "otp-phone",
        phone.e164(),
        config.otpRequestsPerPhoneAllAddresses(),
        IdentityConfig.OTP_WINDOW,
        () -> recent(phone, now, "count(*)", IdentityConfig.OTP_WINDOW));
    String code = codes.newCode();
    challenges.open(phone, codes.hash(phone, code), channel.wireName(), now);
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
        "verify-address", address, platformConfig.perAddressPerMinute(), Duration.ofMinutes(1));
    Instant now = clock.instant();
    // Both count an hour: one address may check 10 codes an hour for a phone, all together 30 (at
    // most 0.5 % chance a week of guessing a 6-digit code), so a guesser needs three addresses or
    // more to use the backstop up and shut the owner out for the rest of the hour.
    rateLimiter.acquire(
        "verify-phone-address",
        phone.e164() + "|" + address,
        config.verificationsPerPhone(),
        VERIFY_BACKSTOP_WINDOW);
    rateLimiter.acquire(
        "verify-phone",
        phone.e164(),
        config.verificationsPerPhoneAllAddresses(),
        VERIFY_BACKSTOP_WINDOW,
        () -> recent(phone, now, "coalesce(sum(attempts), 0)", VERIFY_BACKSTOP_WINDOW));
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
    if (challenge.isEmpty()) {
      return Optional.empty();
    }
    OtpChallenge.Outcome outcome =
        challenge.get().attempt(hash, now, wrongFrom(challenge.get(), address));
    if (outcome == OtpChallenge.Outcome.WRONG_CODE) {
      em.createNativeQuery(
              "insert into otp_attempt (challenge_id, address, wrong) values (?1, ?2, 1)"
                  + " on conflict (challenge_id, address) do update set wrong = otp_attempt.wrong + 1")
          .setParameter(1, challenge.get().id())
          .setParameter(2, address)
          .executeUpdate();
    }
    if (outcome != OtpChallenge.Outcome.VERIFIED) {
      return Optional.empty();
    }
    return Optional.of(people.identityOf(people.findOrCreate(phone)));
  }

  /** Wrong codes for this challenge from this address (the challenge's row is locked). */
  private int wrongFrom(OtpChallenge challenge, String address) {
    List<?> rows =
        em.createNativeQuery(
                "select wrong from otp_attempt where challenge_id = ?1 and address = ?2")
            .setParameter(1, challenge.id())
            .setParameter(2, address)
            .getResultList();
    return rows.isEmpty() ? 0 : ((Number) rows.get(0)).intValue();
  }

  /** An aggregate over the phone's challenges of the rate-limit window (the limits' fallback). */
  private long recent(PhoneNumber phone, Instant now, String aggregate, Duration window) {
    return ((Number)
            em.createNativeQuery(
                    "select "
                        + aggregate
                        + " from otp_challenge where phone = ?1 and created_at > ?2")
                .setParameter(1, phone.e164())
                .setParameter(2, now.minus(window))
                .getSingleResult())
        .longValue();
  }
}
