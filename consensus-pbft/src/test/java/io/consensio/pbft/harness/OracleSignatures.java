package io.consensio.pbft.harness;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Signature;
import io.consensio.api.crypto.Signer;
import io.consensio.api.crypto.Verifier;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A fast stand-in for Ed25519 in runs with hundreds of seeds: a "signature" is HMAC-SHA512 under a
 * secret that only the key's owner holds, checked by a verifier that knows every secret (an
 * oracle). Within a test it has the one property the protocol relies on — only the holder of a key
 * can produce a signature that verifies under it — so a byzantine replica, which is handed its own
 * {@link Signer} only, can forge nothing, while verification costs microseconds instead of an
 * Ed25519 point multiplication. Public keys stay the real Ed25519 keys, so membership, proposers
 * and accounts look exactly as they do with Ed25519. Single-threaded, like the cluster harness.
 */
public final class OracleSignatures implements Verifier {
  private final Map<PublicKey, Mac> macs = new HashMap<>();

  /** The signer for {@code key}'s owner; registers its secret with this oracle. */
  public Signer signerFor(PublicKey key, byte[] secret) {
    macs.put(key, newMac(secret));
    Mac mac = macs.get(key);
    return new Signer() {
      @Override
      public PublicKey publicKey() {
        return key;
      }

      @Override
      public Signature sign(byte[] message) {
        return Signature.wrap(mac.doFinal(message));
      }
    };
  }

  @Override
  public boolean verify(PublicKey key, byte[] message, Signature signature) {
    Mac mac = macs.get(key);
    return mac != null
        && java.security.MessageDigest.isEqual(mac.doFinal(message), signature.toBytes());
  }

  private static Mac newMac(byte[] secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA512");
      mac.init(new SecretKeySpec(secret, "HmacSHA512"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA512 is required by every JDK", e);
    }
  }
}
