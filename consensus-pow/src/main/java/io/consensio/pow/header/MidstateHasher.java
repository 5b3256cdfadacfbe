package io.consensio.pow.header;

import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * Hashes one header template for many nonces at two SHA-256 compressions each instead of three.
 *
 * <p>The first 64 of the 80 header bytes (version, previous hash, 28 bytes of the Merkle root) do
 * not change while the nonce does, so the compression of that first block is done once and its
 * state (the "midstate") is restored for every nonce; what remains per nonce is the second block of
 * the first SHA-256 (the last 16 header bytes with padding) and the single block of the outer
 * SHA-256. This is how mining software has hashed since 2010. Uses Bouncy Castle's {@link
 * SHA256Digest}, whose state can be copied and restored ({@code Memoable}).
 *
 * <p>Not thread-safe: each compute task owns one instance.
 */
public final class MidstateHasher {
  private final SHA256Digest midstate = new SHA256Digest();
  private final SHA256Digest inner;
  private final SHA256Digest outer = new SHA256Digest();
  private final byte[] tail = new byte[16];
  private final byte[] innerHash = new byte[32];

  public MidstateHasher(byte[] header) {
    if (header.length != PowHeader.SIZE) {
      throw new IllegalArgumentException("a header template has 80 bytes");
    }
    midstate.update(header, 0, 64);
    System.arraycopy(header, 64, tail, 0, 16);
    inner = new SHA256Digest(midstate);
  }

  /** Writes the double SHA-256 of the template with {@code nonce} into {@code out} (32 bytes). */
  public void hash(long nonce, byte[] out) {
    inner.reset(midstate);
    PowHeader.putLittleEndian(tail, 12, nonce);
    inner.update(tail, 0, 16);
    inner.doFinal(innerHash, 0);
    outer.update(innerHash, 0, 32);
    outer.doFinal(out, 0);
  }
}
