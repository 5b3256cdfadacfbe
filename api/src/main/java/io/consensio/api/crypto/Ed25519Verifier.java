package io.consensio.api.crypto;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Bouncy Castle's Ed25519 verification with the public key's decoded point cached. A key that is
 * not a valid curve point never verifies anything.
 */
public final class Ed25519Verifier implements Verifier {
  public static final Ed25519Verifier INSTANCE = new Ed25519Verifier();

  @Override
  public boolean verify(PublicKey key, byte[] message, Signature signature) {
    Ed25519.PublicPoint point = key.point();
    if (point == null) {
      return false;
    }
    return Ed25519.verify(signature.raw(), 0, point, message, 0, message.length);
  }
}
