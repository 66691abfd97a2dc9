package in.pravesh.identity.domain;

import static in.pravesh.identity.domain.OtpChallenge.Outcome.UNUSABLE;
import static in.pravesh.identity.domain.OtpChallenge.Outcome.VERIFIED;
import static in.pravesh.identity.domain.OtpChallenge.Outcome.WRONG_CODE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OtpChallengeTest {

  private static final PhoneNumber PHONE = new PhoneNumber("+919812345678");
  private static final Instant NOW = Instant.parse("2026-11-28T04:30:00Z");
  private final OtpCodes codes = new OtpCodes("test-pepper");

  private OtpChallenge challengeFor(String code) {
    return new OtpChallenge(PHONE, codes.hash(PHONE, code), "sms", NOW);
  }

  @Test
  void theRightCodeVerifiesOnceOnly() {
    OtpChallenge challenge = challengeFor("123456");

    assertThat(challenge.attempt(codes.hash(PHONE, "123456"), NOW.plusSeconds(10), 0))
        .isEqualTo(VERIFIED);
    assertThat(challenge.attempt(codes.hash(PHONE, "123456"), NOW.plusSeconds(11), 0))
        .isEqualTo(UNUSABLE);
  }

  @Test
  void aCodeExpiresAfterFiveMinutes() {
    OtpChallenge challenge = challengeFor("123456");

    assertThat(challenge.attempt(codes.hash(PHONE, "123456"), NOW.plus(Duration.ofMinutes(5)), 0))
        .isEqualTo(UNUSABLE);
  }

  @Test
  void fiveWrongCodesFromOneAddressCloseItThereButNotElsewhere() {
    OtpChallenge challenge = challengeFor("123456");
    for (int wrongHere = 0; wrongHere < OtpChallenge.MAX_WRONG_PER_ADDRESS; wrongHere++) {
      assertThat(challenge.attempt(codes.hash(PHONE, "000000"), NOW, wrongHere))
          .isEqualTo(WRONG_CODE);
    }

    assertThat(challenge.attempt(codes.hash(PHONE, "123456"), NOW, 5)).isEqualTo(UNUSABLE);
    assertThat(challenge.usable(NOW)).isTrue();
    assertThat(challenge.attempt(codes.hash(PHONE, "123456"), NOW, 0)).isEqualTo(VERIFIED);
  }

  @Test
  void twentyWrongCodesInAllKillTheChallengeEvenForTheRightCodeAfter() {
    OtpChallenge challenge = challengeFor("123456");
    for (int i = 0; i < OtpChallenge.MAX_ATTEMPTS - 1; i++) {
      assertThat(challenge.attempt(codes.hash(PHONE, "000000"), NOW, i % 5)).isEqualTo(WRONG_CODE);
    }
    assertThat(challenge.usable(NOW)).isTrue();

    assertThat(challenge.attempt(codes.hash(PHONE, "000000"), NOW, 0)).isEqualTo(WRONG_CODE);

    assertThat(challenge.usable(NOW)).isFalse();
    assertThat(challenge.attempt(codes.hash(PHONE, "123456"), NOW, 0)).isEqualTo(UNUSABLE);
  }

  @Test
  void codesAreSixDigitsAndHashesDependOnPhoneAndPepper() {
    assertThat(codes.newCode()).matches("[0-9]{6}");
    PhoneNumber other = new PhoneNumber("+919812345679");
    assertThat(codes.hash(PHONE, "123456"))
        .hasSize(64)
        .isNotEqualTo(codes.hash(other, "123456"))
        .isNotEqualTo(new OtpCodes("other-pepper").hash(PHONE, "123456"))
        .doesNotContain("123456");
  }

  @Test
  void loginCodesAvoidConfusableCharactersAndNormalizeAsTyped() {
    String code = codes.newLoginCode();

    assertThat(code).matches("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}");
    assertThat(OtpCodes.normalizeLoginCode(code.toLowerCase().replace("-", " ")))
        .isEqualTo(code.replace("-", ""));
  }
}
