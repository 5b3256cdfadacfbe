package io.consensio.api.crypto;

/**
 * Verifies Ed25519 signatures. Thread-safe and free of side effects apart from counting; the
 * simulator wraps it to count verifications and the benchmarks to measure them.
 */
public interface Verifier {
  boolean verify(PublicKey key, byte[] message, Signature signature);
}
