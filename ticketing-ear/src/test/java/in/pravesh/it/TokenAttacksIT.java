package in.pravesh.it;

import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Forged and bent tokens are refused with 401 (problem+json); valid tokens with too few roles get
 * 403. Forgeries are made with jose4j, some with the server's own private key (read from the test
 * server's data directory) so that only the one thing under test is wrong.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TokenAttacksIT {

  private static PrivateKey serverKey;
  private static String publicKeyPem;
  private static String adminSubject;

  @BeforeAll
  static void keys() throws Exception {
    String pem =
        Files.readString(
            Path.of(System.getProperty("it.base.dir"), "data", "pravesh", "jwt-private.pem"));
    byte[] der =
        Base64.getMimeDecoder().decode(pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", ""));
    KeyFactory rsa = KeyFactory.getInstance("RSA");
    serverKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
    RSAPrivateCrtKey crt = (RSAPrivateCrtKey) serverKey;
    byte[] publicDer =
        rsa.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()))
            .getEncoded();
    publicKeyPem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(publicDer)
            + "\n-----END PUBLIC KEY-----\n";
    adminSubject =
        TestServer.api()
            .auth()
            .oauth2(Sessions.token(Sessions.ADMIN))
            .get("/api/me")
            .jsonPath()
            .getString("id");
  }

  /** An admin's claims, valid in every respect unless a test changes one. */
  private static JwtClaims adminClaims() {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer("pravesh");
    claims.setAudience("pravesh-api");
    claims.setSubject(adminSubject);
    claims.setClaim("upn", adminSubject);
    claims.setStringListClaim("groups", List.of("visitor", "volunteer", "admin"));
    claims.setJwtId(UUID.randomUUID().toString());
    long now = Instant.now().getEpochSecond();
    claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(now));
    claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(now + 600));
    return claims;
  }

  private static String sign(JwtClaims claims, java.security.Key key, String algorithm)
      throws Exception {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(key);
    jws.setAlgorithmHeaderValue(algorithm);
    jws.setDoKeyValidation(false);
    return jws.getCompactSerialization();
  }

  private static void assertRefused(String token) {
    TestServer.api()
        .auth()
        .oauth2(token)
        .get("/api/admin/staff")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("type", equalTo("urn:pravesh:problem:unauthorized"));
  }

  @Test
  void aCorrectlySignedAdminTokenIsAccepted() throws Exception {
    // The control: the forgeries below differ from this token in one respect each.
    TestServer.api()
        .auth()
        .oauth2(sign(adminClaims(), serverKey, AlgorithmIdentifiers.RSA_USING_SHA256))
        .get("/api/admin/staff")
        .then()
        .statusCode(200);
  }

  @Test
  void aTokenRememberedAfterUseStillHasItsForgeriesRefused() throws Exception {
    // Verified tokens are remembered until they expire (RememberingJwtFactory): a token that
    // differs in any character from a remembered one is verified, and refused, on its own.
    String token = sign(adminClaims(), serverKey, AlgorithmIdentifiers.RSA_USING_SHA256);
    for (int i = 0; i < 3; i++) {
      TestServer.api().auth().oauth2(token).get("/api/admin/staff").then().statusCode(200);
    }
    String[] parts = token.split("\\.");
    char[] signature = parts[2].toCharArray();
    signature[signature.length / 2] = signature[signature.length / 2] == 'A' ? 'B' : 'A';
    assertRefused(parts[0] + "." + parts[1] + "." + new String(signature));
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"exp\":", "\"exp\":1");
    assertRefused(parts[0] + "." + b64(payload) + "." + parts[2]);
    TestServer.api().auth().oauth2(token).get("/api/admin/staff").then().statusCode(200);
  }

  @Test
  void algNoneIsRefused() {
    String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    String payload = b64(adminClaims().toJson());
    assertRefused(header + "." + payload + ".");
  }

  @Test
  void hs256SignedWithThePublicKeyIsRefused() throws Exception {
    assertRefused(
        sign(
            adminClaims(),
            new HmacKey(publicKeyPem.getBytes(StandardCharsets.US_ASCII)),
            AlgorithmIdentifiers.HMAC_SHA256));
  }

  @Test
  void aTamperedPayloadIsRefused() {
    String visitorToken = Sessions.token(Sessions.newPhone());
    String[] parts = visitorToken.split("\\.");
    String payload =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"visitor\"", "\"visitor\",\"admin\"");
    assertRefused(parts[0] + "." + b64(payload) + "." + parts[2]);
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    JwtClaims claims = adminClaims();
    long past = Instant.now().getEpochSecond() - 3600;
    claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(past - 3600));
    claims.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(past));
    assertRefused(sign(claims, serverKey, AlgorithmIdentifiers.RSA_USING_SHA256));
  }

  @Test
  void aWrongIssuerIsRefused() throws Exception {
    JwtClaims claims = adminClaims();
    claims.setIssuer("someone-else");
    assertRefused(sign(claims, serverKey, AlgorithmIdentifiers.RSA_USING_SHA256));
  }

  @Test
  void aWrongAudienceIsRefused() throws Exception {
    JwtClaims claims = adminClaims();
    claims.setAudience("another-api");
    assertRefused(sign(claims, serverKey, AlgorithmIdentifiers.RSA_USING_SHA256));
  }

  @Test
  void aTokenSignedByAnotherKeyIsRefused() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    assertRefused(
        sign(
            adminClaims(),
            generator.generateKeyPair().getPrivate(),
            AlgorithmIdentifiers.RSA_USING_SHA256));
  }

  @Test
  void garbageIsRefused() {
    assertRefused("not-a-token");
    assertRefused("a.b.c");
  }

  @Test
  void aVisitorOnVolunteerOrAdminRoutesIsForbidden() {
    String visitor = Sessions.token(Sessions.newPhone());
    for (String route : List.of("/api/gates?event=demo-book-fair", "/api/admin/staff")) {
      TestServer.api()
          .auth()
          .oauth2(visitor)
          .urlEncodingEnabled(false)
          .get(route)
          .then()
          .statusCode(403)
          .contentType("application/problem+json")
          .body("type", equalTo("urn:pravesh:problem:forbidden"));
    }
  }

  @Test
  void aVolunteerMayUseVolunteerRoutesButNotAdminRoutes() {
    String volunteer = Sessions.token(Sessions.VOLUNTEER);
    TestServer.api()
        .auth()
        .oauth2(volunteer)
        .queryParam("event", "demo-book-fair")
        .get("/api/gates")
        .then()
        .statusCode(200)
        .body("size()", equalTo(2));
    TestServer.api().auth().oauth2(volunteer).get("/api/admin/staff").then().statusCode(403);
  }

  @Test
  void noTokenOnAProtectedRouteIs401() {
    TestServer.api()
        .get("/api/admin/staff")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", "Bearer");
  }

  @Test
  void staffRolesAreInTheToken() {
    TestServer.api()
        .auth()
        .oauth2(Sessions.token(Sessions.ADMIN))
        .get("/api/me")
        .then()
        .statusCode(200)
        .body("roles", equalTo(List.of("admin", "visitor", "volunteer")));
    TestServer.api()
        .auth()
        .oauth2(Sessions.token(Sessions.VOLUNTEER))
        .get("/api/me")
        .then()
        .body("roles", equalTo(List.of("visitor", "volunteer")));
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
