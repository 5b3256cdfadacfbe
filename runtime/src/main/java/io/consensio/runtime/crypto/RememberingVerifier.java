package io.consensio.runtime.crypto;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Signature;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.types.Hash;
import java.util.Objects;

/**
 * A {@link Verifier} that remembers the recent (key, message, signature) triples that verified and
 * answers a repeat without the curve arithmetic. A node meets most transaction signatures twice: in
 * gossip and in the block that includes them, in whichever order the network delivers them, and on
 * every branch of a fork that carries them. Verification is nearly all of a loaded node's CPU, so
 * each repeat saved is worth the SHA-256 it costs to recognise one.
 *
 * <p>A triple is remembered by the fingerprint of SHA-256 over the key, the message and the whole
 * signature, so a different signature (even one that differs in a single bit) is a different triple
 * and is verified afresh: passing it off as remembered would need a second preimage of SHA-256's
 * first 128 bits. Only successes are remembered; a bad signature costs a full verification every
 * time, as it would without this class. Thread-safe (synchronized): the ledger and the mempool call
 * it from the event loop, and a lock nobody contends costs nanoseconds.
 */
public final class RememberingVerifier implements Verifier {
  private static final byte[] DOMAIN =
      "consensio/verified-signature/v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private static final byte[] DIGEST_DOMAIN =
      "consensio/verified-signature-by-digest/v1"
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final Verifier verifier;
  private final FingerprintSet verified;
  private long repeats;
  private long verifications;

  /**
   * @param verifier does the actual verification
   * @param capacity how many verified triples to remember
   */
  public RememberingVerifier(Verifier verifier, int capacity) {
    this.verifier = Objects.requireNonNull(verifier);
    this.verified = new FingerprintSet(capacity);
  }

  @Override
  public boolean verify(PublicKey key, byte[] message, Signature signature) {
    return verifyRemembering(
        Hash.sha256(DOMAIN, key.toBytes(), message, signature.toBytes()), key, message, signature);
  }

  /**
   * A transaction's signature, remembered by SHA-256 over the key, the message's digest (the
   * transaction id) and the signature: about a third of the bytes of the message itself, and as
   * binding, since two messages with one digest would be a SHA-256 collision. Its own domain tag
   * keeps the two kinds of fingerprint apart.
   */
  @Override
  public boolean verify(PublicKey key, byte[] message, Hash messageDigest, Signature signature) {
    return verifyRemembering(
        Hash.sha256(DIGEST_DOMAIN, key.toBytes(), messageDigest.toBytes(), signature.toBytes()),
        key,
        message,
        signature);
  }

  private synchronized boolean verifyRemembering(
      Hash fingerprint, PublicKey key, byte[] message, Signature signature) {
    if (verified.contains(fingerprint)) {
      repeats++;
      return true;
    }
    boolean valid = verifier.verify(key, message, signature);
    verifications++;
    if (valid) {
      verified.add(fingerprint);
    }
    return valid;
  }

  /** How many verifications were really made (curve arithmetic), valid or not. */
  public synchronized long verified() {
    return verifications;
  }

  /** How many verifications were answered from memory. */
  public synchronized long repeats() {
    return repeats;
  }
}
