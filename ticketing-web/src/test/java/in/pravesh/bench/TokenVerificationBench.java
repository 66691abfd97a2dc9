package in.pravesh.bench;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

/**
 * What one token verification costs: an RS256 token like ours (2048-bit key) verified by the same
 * smallrye-jwt parser that WildFly's MicroProfile JWT uses, single-threaded, after a warm-up. Run
 * by {@code ./pravesh bench}; prints microseconds per verification.
 */
public final class TokenVerificationBench {

  public static void main(String[] args) throws Exception {
    int rounds = 5;
    int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 4_000;
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    long now = Instant.now().getEpochSecond();
    String token =
        Jwt.issuer("pravesh")
            .audience("pravesh-api")
            .subject("3f1c2b4a-0000-4000-8000-000000000001")
            .groups(Set.of("visitor", "volunteer"))
            .claim("phone", "+919812345678")
            .issuedAt(now)
            .expiresAt(now + 3600)
            .jws()
            .keyId("pravesh")
            .sign(keys.getPrivate());
    JWTAuthContextInfo context = new JWTAuthContextInfo((RSAPublicKey) keys.getPublic(), "pravesh");
    context.setExpectedAudience(Set.of("pravesh-api"));
    DefaultJWTParser parser = new DefaultJWTParser(context);

    for (int i = 0; i < perRound * 2; i++) {
      parser.parse(token);
    }
    double[] microsPerOp = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      long start = System.nanoTime();
      for (int i = 0; i < perRound; i++) {
        parser.parse(token);
      }
      microsPerOp[round] = (System.nanoTime() - start) / 1_000.0 / perRound;
    }
    Arrays.sort(microsPerOp);
    System.out.printf(
        "token verification (RS256, 2048-bit, smallrye-jwt parse + signature + claims):%n"
            + "  median %.1f µs/op, best %.1f µs/op, worst %.1f µs/op over %d rounds of %d"
            + " (one thread) -> about %.0f verifications/s per core%n",
        microsPerOp[rounds / 2],
        microsPerOp[0],
        microsPerOp[rounds - 1],
        rounds,
        perRound,
        1_000_000 / microsPerOp[rounds / 2]);
  }
}
