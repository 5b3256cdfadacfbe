package io.consensio.api.crypto;

/**
 * Signs with this node's private key. Engines never see the private key itself. Thread-safe.
 * Ed25519 signatures are deterministic, so signing the same bytes twice gives the same signature —
 * which is what makes a signature usable as a verifiable lottery value (see consensus-pos).
 */
public interface Signer {
  PublicKey publicKey();

  Signature sign(byte[] message);
}
