package io.consensio.pow.header;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Hashes one header template for many nonces at two SHA-256 compressions each instead of three.
 *
 * <p>The first 64 of the 80 header bytes (version, previous hash, 28 bytes of the Merkle root) do
 * not change while the nonce does, so the compression of that first block is done once and its
 * state (the "midstate") is restored for every nonce; what remains per nonce is the second block of
 * the first SHA-256 (the last 16 header bytes with padding) and the single block of the outer
 * SHA-256. This is how mining software has hashed since 2010.
 *
 * <p>The digests are the JDK's, whose compression the JVM runs on the CPU's SHA extensions or
 * vector units; the midstate is kept by cloning the digest after the first block. Measured on this
 * project's 2-core machine (benchmarks/README.md), the JDK's compression is several times faster
 * than a pure-Java one (Bouncy Castle's {@code SHA256Digest}, used here before), which outweighs
 * the cost of the clone.
 *
 * <p>Not thread-safe: each compute task owns one instance.
 */
public final class MidstateHasher {
  private final MessageDigest midstate;
  private final MessageDigest outer;
  private final byte[] tail = new byte[16];
  private final byte[] innerHash = new byte[32];

  public MidstateHasher(byte[] header) {
    if (header.length != PowHeader.SIZE) {
      throw new IllegalArgumentException("a header template has 80 bytes");
    }
    midstate = sha256();
    midstate.update(header, 0, 64);
    outer = sha256();
    System.arraycopy(header, 64, tail, 0, 16);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK must provide SHA-256", e);
    }
  }

  /** Writes the double SHA-256 of the template with {@code nonce} into {@code out} (32 bytes). */
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
