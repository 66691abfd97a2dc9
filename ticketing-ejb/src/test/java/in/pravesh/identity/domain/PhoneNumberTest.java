package in.pravesh.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import in.pravesh.platform.BusinessException;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTest {

  private static final Set<String> INDIA = Set.of("91");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+919812345678",
        "9812345678",
        " 98123 45678 ",
        "98123-45678",
        "+91 98123 45678",
        "00919812345678"
      })
  void indianMobilesInTheirUsualFormsBecomeE164(String typed) {
    assertThat(PhoneNumber.parse(typed, INDIA).e164()).isEqualTo("+919812345678");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "12345",
        "5812345678",
        "+91581234567",
        "+9198123456789",
        "phone",
        "+91-98123-4567x",
        "98123456789"
      })
  void anythingElseIsAValidationProblemOnThePhoneField(String typed) {
    assertThatThrownBy(() -> PhoneNumber.parse(typed, INDIA))
        .isInstanceOfSatisfying(
            BusinessException.class,
            e -> {
              assertThat(e.type().status()).isEqualTo(400);
              assertThat(e.extensions().get("errors").toString()).startsWith("{phone=");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"+447911123456", "+12025550123", "+8823451234567"})
  void numbersAbroadAreRefusedUnlessTheirCountryIsConfigured(String typed) {
    assertThatThrownBy(() -> PhoneNumber.parse(typed, INDIA))
        .isInstanceOf(BusinessException.class)
        .hasMessageContaining("not valid");
    assertThat(PhoneNumber.parse("+447911123456", Set.of("91", "44")).e164())
        .isEqualTo("+447911123456");
  }

  @org.junit.jupiter.api.Test
  void maskingKeepsTheCountryCodeAndTheLastFourDigits() {
    assertThat(new PhoneNumber("+919812345678").masked()).isEqualTo("+91******5678");
  }
}
