package in.pravesh.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void numbersInAProvidersErrorTextAreMaskedButTheirLastFourDigits() {
    assertThat(
            Redaction.phoneNumbers(
                "The 'To' number +919812345678 is not a valid phone number (code 21211)"))
        .isEqualTo("The 'To' number ******5678 is not a valid phone number (code 21211)");
    assertThat(Redaction.phoneNumbers("whatsapp:+919812345678 and 9812345678"))
        .isEqualTo("whatsapp:******5678 and ******5678");
    assertThat(Redaction.phoneNumbers(null)).isNull();
  }
}
