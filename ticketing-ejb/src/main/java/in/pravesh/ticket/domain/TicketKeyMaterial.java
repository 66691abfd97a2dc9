package in.pravesh.ticket.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Ed25519 key pairs for tickets, and their storage: the public key as its raw 32 bytes (what
 * verifiers need), the private key encrypted with AES-256-GCM under a key derived from the
 * configured ticket-key secret, so a copy of the database alone cannot mint tickets.
 */
public final class TicketKeyMaterial {

  private static final SecureRandom RANDOM = new SecureRandom();
  // X.509 SubjectPublicKeyInfo prefix of an Ed25519 key: the raw 32 bytes follow it.
  private static final byte[] X509_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private final SecretKeySpec wrappingKey;

  public TicketKeyMaterial(String secret) {
    try {
      byte[] key =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      this.wrappingKey = new SecretKeySpec(key, "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is part of the JDK since 15", e);
    }
  }

  public static byte[] rawPublicKey(PublicKey key) {
    byte[] encoded = key.getEncoded();
    return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
  }

  /** The 32 bytes of an Ed25519 private key (its seed, RFC 8032), as Bouncy Castle signs with. */
  public static byte[] rawPrivateKey(PrivateKey key) {
    if (key instanceof EdECPrivateKey edec) {
      return edec.getBytes().orElseThrow(() -> new IllegalArgumentException("no key bytes"));
    }
    throw new IllegalArgumentException("not an Ed25519 private key");
  }

  public static PublicKey publicKey(byte[] raw) {
    try {
      byte[] encoded =
          ByteBuffer.allocate(X509_PREFIX.length + 32).put(X509_PREFIX).put(raw).array();
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key", e);
    }
  }

  public byte[] encrypt(PrivateKey key) {
    try {
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, wrappingKey, new GCMParameterSpec(128, iv));
      byte[] sealed = cipher.doFinal(key.getEncoded());
      return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public PrivateKey decrypt(byte[] stored) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, wrappingKey, new GCMParameterSpec(128, stored, 0, 12));
      byte[] pkcs8 = cipher.doFinal(stored, 12, stored.length - 12);
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "Cannot decrypt a ticket key: is TICKETING_TICKET_KEY_SECRET the one it was made with?",
          e);
    }
  }
}
