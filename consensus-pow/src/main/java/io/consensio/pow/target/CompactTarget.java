package io.consensio.pow.target;

import java.math.BigInteger;

/**
 * Bitcoin's "compact" encoding of a 256-bit target (the header's {@code nBits}), bit for bit as
 * Bitcoin Core's {@code arith_uint256::SetCompact} and {@code GetCompact} (src/arith_uint256.cpp).
 *
 * <p>The 32-bit value is a base-256 float: the top byte is the size in bytes, the low 23 bits the
 * mantissa, and bit 23 a sign bit. Core keeps the sign and an overflow flag rather than rejecting
 * such values while decoding; proof-of-work checks then refuse negative, zero and overflowing
 * targets (src/pow.cpp, {@code CheckProofOfWork}). Values are reduced modulo 2^256 as Core's
 * fixed-width integer is. Pure functions, thread-safe.
 */
public final class CompactTarget {
  /** 2^256 - 1: the largest value a Core {@code arith_uint256} can hold. */
  public static final BigInteger MAX_256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  private CompactTarget() {}

  /**
   * A decoded compact value with Core's flags.
   *
   * @param value the target, reduced to 256 bits
   * @param negative the sign bit was set on a non-zero mantissa
   * @param overflow the value did not fit in 256 bits
   */
  public record Decoded(BigInteger value, boolean negative, boolean overflow) {
    /** What {@code CheckProofOfWork} accepts: positive, in range and not above {@code powLimit}. */
    public boolean isUsableTarget(BigInteger powLimit) {
      return !negative && !overflow && value.signum() > 0 && value.compareTo(powLimit) <= 0;
    }
  }

  /** {@code SetCompact}. */
  public static Decoded decode(int compact) {
    int size = compact >>> 24;
    long word = compact & 0x007fffffL;
    BigInteger value;
    if (size <= 3) {
      // Core shifts the mantissa word itself, so the sign and overflow tests below see the
      // shifted word: 0x00923456 is zero, not "negative zero".
      word >>>= 8 * (3 - size);
      value = BigInteger.valueOf(word);
    } else {
      value = BigInteger.valueOf(word).shiftLeft(8 * (size - 3)).and(MAX_256);
    }
    boolean negative = word != 0 && (compact & 0x00800000) != 0;
    boolean overflow =
        word != 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32));
    return new Decoded(value, negative, overflow);
  }

  /** {@code GetCompact(false)}. */
  public static int encode(BigInteger value) {
    return encode(value, false);
  }

  /** {@code GetCompact(negative)}; {@code value} must be in [0, 2^256). */
  public static int encode(BigInteger value, boolean negative) {
    if (value.signum() < 0 || value.compareTo(MAX_256) > 0) {
      throw new IllegalArgumentException("a compact target encodes 0..2^256-1, got " + value);
    }
    int size = (value.bitLength() + 7) / 8;
    long compact;
    if (size <= 3) {
      compact = value.longValue() << (8 * (3 - size));
    } else {
      compact = value.shiftRight(8 * (size - 3)).longValue();
    }
    // The mantissa's top bit would read as the sign: move one byte into the exponent instead.
    if ((compact & 0x00800000L) != 0) {
      compact >>= 8;
      size++;
    }
    compact |= (long) size << 24;
    if (negative && (compact & 0x007fffffL) != 0) {
      compact |= 0x00800000L;
    }
    return (int) compact;
  }

  /** The target as 32 little-endian bytes, the byte order a header hash is compared in. */
  public static byte[] toLittleEndian(BigInteger target) {
    if (target.signum() < 0 || target.compareTo(MAX_256) > 0) {
      throw new IllegalArgumentException("a target is 0..2^256-1");
    }
    byte[] bigEndian = target.toByteArray();
    byte[] out = new byte[32];
    for (int i = 0; i < 32 && i < bigEndian.length; i++) {
      out[i] = bigEndian[bigEndian.length - 1 - i];
    }
    return out;
  }

  /**
   * The target a miner needs for {@code expectedHashes} tries per block on average: 2^256 / hashes
   * - 1, in compact form (rounded down by the encoding, so slightly harder).
   */
  public static int bitsForExpectedHashes(long expectedHashes) {
    if (expectedHashes < 2) {
      throw new IllegalArgumentException("expectedHashes must be at least 2");
    }
    BigInteger target =
        BigInteger.ONE
            .shiftLeft(256)
            .divide(BigInteger.valueOf(expectedHashes))
            .subtract(BigInteger.ONE);
    return encode(target);
  }
}
