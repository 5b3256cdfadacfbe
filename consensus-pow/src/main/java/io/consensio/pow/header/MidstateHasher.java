package io.consensio.pow.header;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hashes one header template for many nonces at two SHA-256 compressions each instead of three.
 *
 * <p>The first 64 of the 80 header bytes (version, previous hash, 28 bytes of the Merkle root) do
 * not change while the nonce does, so the compression of that first block is done once and its
 * state (the "midstate") is restored for every nonce; what remains per nonce is the second block of
 * the first SHA-256 (the last 16 header bytes with padding) and the single block of the outer
 * SHA-256. This is how mining software has hashed since 2010.
 *
 * <p>Two implementations, chosen once per JVM: {@link IntrinsicCompressionMidstate} calls the JDK's
 * SHA-256 compression function directly (HotSpot runs it on the CPU's SHA instructions) when the
 * JVM opens {@code java.base/sun.security.provider} to this code, and {@link ClonedDigestMidstate}
 * clones a {@code MessageDigest} otherwise. Measured against the JDK's plain double SHA-256 of the
 * header in one JMH run, see benchmarks/README.md.
 *
 * <p>Not thread-safe: each compute task owns one instance.
 */
public final class MidstateHasher {
  static {
    if (!IntrinsicCompressionMidstate.AVAILABLE) {
      Logger log = LoggerFactory.getLogger(MidstateHasher.class);
      log.info(
          "mining hashes through cloned MessageDigests; start the JVM with --add-opens"
              + " java.base/sun.security.provider=ALL-UNNAMED to use the SHA-256 compression"
              + " function directly (faster, see benchmarks/README.md)");
    }
  }

  private final NonceHasher hasher;

  public MidstateHasher(byte[] header) {
    if (header.length != PowHeader.SIZE) {
      throw new IllegalArgumentException("a header template has 80 bytes");
    }
    hasher =
        IntrinsicCompressionMidstate.AVAILABLE
            ? new IntrinsicCompressionMidstate(header)
            : new ClonedDigestMidstate(header);
  }

  /**
   * Whether this JVM hashes through the JDK's compression function directly (true) or through
   * cloned {@code MessageDigest}s (false: the JVM was started without {@code --add-opens
   * java.base/sun.security.provider=ALL-UNNAMED}).
   */
  public static boolean usesCompressionFunction() {
    return IntrinsicCompressionMidstate.AVAILABLE;
  }

  /** Writes the double SHA-256 of the template with {@code nonce} into {@code out} (32 bytes). */
  public void hash(long nonce, byte[] out) {
    hasher.hash(nonce, out);
  }
}
