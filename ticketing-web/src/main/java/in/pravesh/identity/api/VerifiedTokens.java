package in.pravesh.identity.api;

import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * Tokens already verified, remembered until they expire, so that a token sent again (a scanner
 * sends the same one with every scan) is not verified again. A token is remembered only after its
 * verification succeeded, only under the verification settings that accepted it, and only while it
 * has not expired; a refused token is never remembered, and a token that differs in any character
 * is another token. What a token may do is still decided per request (revocation, roles): this only
 * spares the signature check and the parsing.
 *
 * @param <T> what a verification gives (the caller's principal)
 */
final class VerifiedTokens<T> {

  /** A verification that may refuse the token. */
  interface Verification<T, E extends Exception> {
    T verify() throws E;
  }

  private record Entry<T>(T principal, Object settings, long expiresAtSecond) {}

  private final ConcurrentHashMap<String, Entry<T>> entries = new ConcurrentHashMap<>();
  private final int capacity;
  private final InstantSource clock;

  VerifiedTokens(int capacity, InstantSource clock) {
    this.capacity = capacity;
    this.clock = clock;
  }

  /**
   * The remembered principal of {@code token} verified under {@code settings}, or the result of
   * {@code verification}, remembered until {@code expiry} (epoch seconds) if that is still ahead.
   */
  <E extends Exception> T verify(
      String token, Object settings, Verification<T, E> verification, ToLongFunction<T> expiry)
      throws E {
    long now = clock.instant().getEpochSecond();
    Entry<T> known = entries.get(token);
    if (known != null && known.settings() == settings && now < known.expiresAtSecond()) {
      return known.principal();
    }
    T principal = verification.verify();
    long expiresAt = expiry.applyAsLong(principal);
    // A token accepted only within the allowed clock skew is past its expiry: never remembered.
    if (capacity > 0 && expiresAt > now) {
      if (entries.size() >= capacity) {
        entries.values().removeIf(entry -> entry.expiresAtSecond() <= now);
        if (entries.size() >= capacity) {
          entries.clear();
        }
      }
      entries.put(token, new Entry<>(principal, settings, expiresAt));
    }
    return principal;
  }

  int size() {
    return entries.size();
  }
}
