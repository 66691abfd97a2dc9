package in.pravesh.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;

import in.pravesh.platform.QrCodes;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

class QrCodesAndTokensTest {

  private static final KeyPair KEYS = TicketKeyMaterial.generate();

  private static String token(int party) {
    return new TicketToken(
            Ticket.newId(), UUID.randomUUID(), LocalDate.of(2026, 11, 28), party, "ab2c")
        .sign(KEYS.getPrivate());
  }

  @Test
  void tokensStayUnder220CharactersForEveryPartySize() {
    for (int party = 1; party <= 100; party++) {
      assertThat(token(party)).startsWith("TKT1.").hasSizeLessThanOrEqualTo(220);
    }
  }

  @Test
  void aTokenVerifiesWithItsKeyAndWithNoOther() {
    String token = token(3);
    var verified = TicketToken.verify(token, kid -> Optional.of(KEYS.getPublic()));

    assertThat(verified).isPresent();
    assertThat(verified.get().partySize()).isEqualTo(3);
    assertThat(verified.get().date()).isEqualTo(LocalDate.of(2026, 11, 28));
    assertThat(
            TicketToken.verify(token, kid -> Optional.of(TicketKeyMaterial.generate().getPublic())))
        .isEmpty();
    assertThat(TicketToken.verify(token, kid -> Optional.empty())).isEmpty();
  }

  @Test
  void onlyThePayloadTheServerMakesVerifiesEvenWhenSigned() {
    String canonical =
        "{\"tid\":\"AB12CD34EF56\",\"eid\":\"Xwwqto17TB6aPyttjh8KfA\",\"date\":\"2026-11-28\","
            + "\"n\":3,\"kid\":\"ab2c\"}";
    assertThat(verifySigned(canonical.getBytes(StandardCharsets.UTF_8))).isPresent();
    for (String other :
        List.of(
            canonical.replace(",", ", "),
            canonical + "{}",
            canonical.replace("\"n\":3", "\"n\":3.7"),
            canonical.replace("\"n\":3", "\"n\":0"),
            canonical.replace("\"n\":3", "\"n\":-1"),
            canonical.replace("\"n\":3", "\"n\":4294967299"),
            "{\"eid\":\"Xwwqto17TB6aPyttjh8KfA\",\"tid\":\"AB12CD34EF56\",\"date\":\"2026-11-28\","
                + "\"n\":3,\"kid\":\"ab2c\"}",
            "\uFEFF" + canonical)) {
      assertThat(verifySigned(other.getBytes(StandardCharsets.UTF_8))).as(other).isEmpty();
    }
    byte[] invalidUtf8 =
        canonical.replace("AB12", "AB\u00ff2").getBytes(StandardCharsets.ISO_8859_1);
    assertThat(verifySigned(invalidUtf8)).isEmpty();
  }

  /** A token of exactly these payload bytes, signed with the test key. */
  private static Optional<TicketToken> verifySigned(byte[] payload) {
    byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(
        TicketKeyMaterial.rawPrivateKey(KEYS.getPrivate()),
        0,
        payload,
        0,
        payload.length,
        signature,
        0);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String text =
        TicketToken.PREFIX + b64.encodeToString(payload) + "." + b64.encodeToString(signature);
    return TicketToken.verify(text, kid -> Optional.of(KEYS.getPublic()));
  }

  @Test
  void theSignatureIsStandardEd25519ThatTheJdkVerifies() throws Exception {
    // Signed with Bouncy Castle; scanners verify with WebCrypto or other libraries: RFC 8032.
    String token = token(3);
    String[] parts = token.substring(TicketToken.PREFIX.length()).split("\\.");
    java.util.Base64.Decoder b64 = java.util.Base64.getUrlDecoder();
    java.security.Signature jdk = java.security.Signature.getInstance("Ed25519");
    jdk.initVerify(KEYS.getPublic());
    jdk.update(b64.decode(parts[0]));
    assertThat(jdk.verify(b64.decode(parts[1]))).isTrue();
    jdk.initVerify(TicketKeyMaterial.generate().getPublic());
    jdk.update(b64.decode(parts[0]));
    assertThat(jdk.verify(b64.decode(parts[1]))).isFalse();
  }

  @Test
  void anyChangedCharacterFailsVerification() {
    String token = token(2);
    for (int i = 5; i < token.length(); i++) {
      char[] chars = token.toCharArray();
      chars[i] = chars[i] == 'A' ? 'B' : 'A';
      String bent = new String(chars);
      if (!bent.equals(token)) {
        assertThat(TicketToken.verify(bent, kid -> Optional.of(KEYS.getPublic())))
            .as("changed at " + i)
            .isEmpty();
      }
    }
  }

  @Test
  void garbageIsRefusedWithoutErrors() {
    for (String garbage : List.of("", "TKT1.", "TKT1.a.b", "TKT2.x.y", "hello", "TKT1.!!!.###")) {
      assertThat(TicketToken.verify(garbage, kid -> Optional.of(KEYS.getPublic()))).isEmpty();
    }
  }

  @Test
  void encryptedPrivateKeysOpenOnlyWithTheirSecret() {
    TicketKeyMaterial material = new TicketKeyMaterial("secret-1");
    byte[] sealed = material.encrypt(KEYS.getPrivate());

    assertThat(material.decrypt(sealed).getEncoded()).isEqualTo(KEYS.getPrivate().getEncoded());
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new TicketKeyMaterial("secret-2").decrypt(sealed))
        .isInstanceOf(IllegalStateException.class);
    assertThat(TicketKeyMaterial.publicKey(TicketKeyMaterial.rawPublicKey(KEYS.getPublic())))
        .isEqualTo(KEYS.getPublic());
  }

  /**
   * Every image decodes to its token. ZXing's general detector misses about 3 in 100 of these
   * perfectly square synthetic images (zbarimg reads them), so the decoder here does what a scanner
   * app does: tries again, as a pure code and in grayscale.
   */
  @Test
  void everyQrCodeDecodesToItsToken() throws Exception {
    for (int i = 0; i < 200; i++) {
      String token = token(1 + i % 100);
      assertThat(decode(QrCodes.png(token))).isEqualTo(token);
    }
  }

  static String decode(byte[] png) throws Exception {
    return QrCodes.read(ImageIO.read(new ByteArrayInputStream(png))).orElseThrow();
  }

  @Test
  void codesAreShortHumanAndNormalizeAsTyped() {
    String code = TicketCodes.next();

    assertThat(code).matches("[34679ACDEFGHJKMNPQRTUVWXY]{4}-[34679ACDEFGHJKMNPQRTUVWXY]{4}");
    assertThat(TicketCodes.normalize(code.toLowerCase().replace("-", " "))).isEqualTo(code);
  }
}
