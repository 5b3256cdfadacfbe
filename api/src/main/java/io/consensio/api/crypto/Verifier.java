package io.consensio.api.crypto;

/**
 * Verifies Ed25519 signatures. Thread-safe and free of side effects apart from counting; the
 * simulator wraps it to count verifications and the benchmarks to measure them.
 */
public interface Verifier {
  boolean verify(PublicKey key, byte[] message, Signature signature);

  /**
   * Verifies {@code signature} over {@code message}, whose SHA-256 digest the caller has already
   * computed: {@code messageDigest} must be {@code Hash.sha256(message)} (a transaction passes its
   * id, which is exactly that). A verifier that remembers what it verified may recognise the
   * message by this digest instead of hashing the message again; by default the message is verified
   * as by {@link #verify(PublicKey, byte[], Signature)}.
   */
  default boolean verify(
      PublicKey key,
      byte[] message,
      io.consensio.api.types.Hash messageDigest,
      Signature signature) {
    return verify(key, message, signature);
  }
}
