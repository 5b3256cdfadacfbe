package io.consensio.pow.header;

import java.security.DigestException;
import java.security.MessageDigest;

/**
 * The midstate through the public {@link MessageDigest} API: the digest that has absorbed the first
 * 64 header bytes is cloned for every nonce. Portable, but each nonce pays for the clone (a few
 * small allocations) and for two rounds of the JDK's padding and reset bookkeeping, which on a CPU
 * with SHA instructions cost about as much as the compression the midstate saves. Used when {@link
 * IntrinsicCompressionMidstate} is not available.
 */
final class ClonedDigestMidstate implements NonceHasher {
  private final MessageDigest midstate;
  private final MessageDigest outer;
  private final byte[] tail = new byte[16];
  private final byte[] innerHash = new byte[32];

  ClonedDigestMidstate(byte[] header) {
    midstate = DoubleSha256.sha256();
    midstate.update(header, 0, 64);
    outer = DoubleSha256.sha256();
    System.arraycopy(header, 64, tail, 0, 16);
  }

  @Override
  public void hash(long nonce, byte[] out) {
    try {
      MessageDigest inner = (MessageDigest) midstate.clone();
      PowHeader.putLittleEndian(tail, 12, nonce);
      inner.update(tail, 0, 16);
      inner.digest(innerHash, 0, 32);
      outer.update(innerHash, 0, 32);
      outer.digest(out, 0, 32);
    } catch (CloneNotSupportedException | DigestException e) {
      throw new IllegalStateException("the JDK's SHA-256 can be cloned and fills 32 bytes", e);
    }
  }
}
