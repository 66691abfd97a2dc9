package in.pravesh.identity.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

  private static final Object SETTINGS = new Object();

  private Instant now = Instant.parse("2026-12-01T10:00:00Z");
  private final InstantSource clock = () -> now;
  private final AtomicInteger verifications = new AtomicInteger();

  /** A principal that is just its expiry, for a test verifier. */
  private record Principal(String token, long expiresAt) {}

  private Principal verify(VerifiedTokens<Principal> tokens, String token, long expiresAt)
      throws Exception {
    return tokens.verify(
        token,
        SETTINGS,
        () -> {
          verifications.incrementAndGet();
          if (token.startsWith("forged")) {
            throw new Exception("refused");
          }
          return new Principal(token, expiresAt);
        },
        Principal::expiresAt);
  }

  private long in(long seconds) {
    return clock.instant().getEpochSecond() + seconds;
  }

  @Test
  void aTokenSentAgainIsNotVerifiedAgainUntilItExpires() throws Exception {
    VerifiedTokens<Principal> tokens = new VerifiedTokens<>(100, clock);
    Principal first = verify(tokens, "a", in(60));
    assertThat(verify(tokens, "a", in(60))).isSameAs(first);
    assertThat(verifications).hasValue(1);

    now = now.plusSeconds(60);
    verify(tokens, "a", in(0));
    assertThat(verifications).as("verified again at its expiry").hasValue(2);
  }

  @Test
  void aRefusedTokenIsNeverRemembered() throws Exception {
    VerifiedTokens<Principal> tokens = new VerifiedTokens<>(100, clock);
    verify(tokens, "a", in(60));
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> verify(tokens, "forged-a", in(60))).hasMessage("refused");
    }
    assertThat(verifications).hasValue(4);
    assertThat(tokens.size()).isEqualTo(1);
  }

  @Test
  void aTokenAcceptedOnlyWithinTheClockSkewIsNotRemembered() throws Exception {
    VerifiedTokens<Principal> tokens = new VerifiedTokens<>(100, clock);
    verify(tokens, "late", in(-30));
    verify(tokens, "late", in(-30));
    assertThat(verifications).hasValue(2);
    assertThat(tokens.size()).isZero();
  }

  @Test
  void otherVerificationSettingsVerifyAgain() throws Exception {
    VerifiedTokens<Principal> tokens = new VerifiedTokens<>(100, clock);
    verify(tokens, "a", in(60));
    tokens.verify("a", new Object(), () -> new Principal("a", in(60)), Principal::expiresAt);
    verify(tokens, "a", in(60));
    assertThat(verifications).as("the new settings' entry replaced the old one").hasValue(2);
  }

  @Test
  void neverMoreThanItsCapacityAndExpiredOnesGoFirst() throws Exception {
    VerifiedTokens<Principal> tokens = new VerifiedTokens<>(3, clock);
    verify(tokens, "short", in(5));
    verify(tokens, "b", in(600));
    verify(tokens, "c", in(600));
    now = now.plusSeconds(10);
    verify(tokens, "d", in(600));
    assertThat(tokens.size()).isEqualTo(3);
    verify(tokens, "b", in(600));
    assertThat(verifications).as("b was kept; only the expired one made room").hasValue(4);
    verify(tokens, "e", in(600));
    assertThat(tokens.size()).isLessThanOrEqualTo(3);
  }

  @Test
  void aCapacityOfZeroRemembersNothing() throws Exception {
    VerifiedTokens<Principal> tokens = new VerifiedTokens<>(0, clock);
    verify(tokens, "a", in(60));
    verify(tokens, "a", in(60));
    assertThat(verifications).hasValue(2);
  }
}
