package io.consensio.pow.difficulty;

import io.consensio.pow.target.CompactTarget;
import java.math.BigInteger;

/**
 * Bitcoin's difficulty adjustment (Nakamoto 2008, §4: "the proof-of-work difficulty is determined
 * by a moving average targeting an average number of blocks per hour"; Bitcoin Core src/pow.cpp
 * {@code GetNextWorkRequired} and {@code CalculateNextWorkRequired}).
 *
 * <p>The target stays fixed within a period of {@code intervalBlocks} blocks. The first block of a
 * new period scales the previous target by the time the last period actually took over the time it
 * should have taken, clamped to [¼, 4] of it, and never above {@code powLimit}. Like Core, the
 * actual timespan is measured from the period's first block to its last, so it spans N-1 intervals
 * — Bitcoin's famous off-by-one, kept so that real mainnet boundaries reproduce.
 *
 * <p>The arithmetic is exact ({@link BigInteger}); Core's 256-bit product {@code target * timespan}
 * would wrap for targets near 2^256, which never happens on mainnet (powLimit 2^224) but can with
 * the very easy targets simulations use, where this class stays exact. Times are in milliseconds:
 * the ratio, and so the result, is the same as in seconds.
 */
public record BitcoinRetarget(int intervalBlocks, long targetSpacingMillis, BigInteger powLimit)
    implements DifficultyRule {
  public BitcoinRetarget {
    if (intervalBlocks < 2 || targetSpacingMillis < 1) {
      throw new IllegalArgumentException("need intervalBlocks >= 2 and a positive spacing");
    }
  }

  @Override
  public int nextBits(BlockHistory parentChain) {
    long tip = parentChain.tipHeight();
    int lastBits = parentChain.bits(tip);
    if ((tip + 1) % intervalBlocks != 0) {
      return lastBits;
    }
    long first = tip - (intervalBlocks - 1);
    return calculate(lastBits, parentChain.timeMillis(first), parentChain.timeMillis(tip));
  }

  /** {@code CalculateNextWorkRequired}: the new compact target from the period's end points. */
  public int calculate(int lastBits, long firstTime, long lastTime) {
    long timespan = intervalBlocks * targetSpacingMillis;
    long actual = lastTime - firstTime;
    actual = Math.max(actual, timespan / 4);
    actual = Math.min(actual, timespan * 4);
    BigInteger target =
        CompactTarget.decode(lastBits)
            .value()
            .multiply(BigInteger.valueOf(actual))
            .divide(BigInteger.valueOf(timespan));
    if (target.compareTo(powLimit) > 0) {
      target = powLimit;
    }
    return CompactTarget.encode(target);
  }
}
