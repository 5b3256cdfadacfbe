package io.consensio.pow.target;

import java.math.BigInteger;

/**
 * The expected number of hashes behind a block, Bitcoin Core's {@code GetBlockProof}
 * (src/chain.cpp): 2^256 / (target + 1), computed there as {@code ~target / (target + 1) + 1}
 * because 2^256 does not fit in 256 bits. Summed along a chain it is the chain work that Nakamoto's
 * "longest chain" rule really compares (Nakamoto 2008, §4 and §11: the chain with the greatest
 * proof-of-work effort). Thread-safe.
 */
public final class ChainWork {
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  private ChainWork() {}

  /** Work of a block with compact target {@code bits}; zero for a target Core would not accept. */
  public static BigInteger ofBits(int bits) {
    CompactTarget.Decoded target = CompactTarget.decode(bits);
    if (target.negative() || target.overflow() || target.value().signum() == 0) {
      return BigInteger.ZERO;
    }
    return ofTarget(target.value());
  }

  public static BigInteger ofTarget(BigInteger target) {
    return TWO_256.divide(target.add(BigInteger.ONE));
  }
}
