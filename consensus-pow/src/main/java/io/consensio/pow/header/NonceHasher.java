package io.consensio.pow.header;

/**
 * Hashes one 80-byte header template for many nonces. Implementations keep per-template state and
 * are not thread-safe: each compute task owns one.
 */
interface NonceHasher {
  /** Writes the double SHA-256 of the template with {@code nonce} into {@code out} (32 bytes). */
  void hash(long nonce, byte[] out);
}
