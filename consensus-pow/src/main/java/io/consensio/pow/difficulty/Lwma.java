package io.consensio.pow.difficulty;

import io.consensio.pow.target.CompactTarget;
import java.math.BigInteger;

/**
 * Zawy's linearly weighted moving average (LWMA-1, zawy12/difficulty-algorithms issue #3), a
 * per-block rule for short block intervals where Bitcoin's period-wise retarget reacts too slowly.
 *
 * <p>The next target is the average target of the last N blocks scaled by their solve times,
 * weighted 1..N so recent blocks count most: {@code next = avgTarget * Σ i·solvetime_i / k} with
 * {@code k = N(N+1)/2 · T}. Solve times are made monotonic (a timestamp earlier than its
 * predecessor counts as one unit later) and capped at 6T, as in the reference code, so a forged
 * timestamp cannot swing the target far. Until the chain has N blocks the initial target applies.
 */
public record Lwma(int windowBlocks, long targetSpacingMillis, BigInteger powLimit, int initialBits)
    implements DifficultyRule {
  public Lwma {
    if (windowBlocks < 2 || targetSpacingMillis < 1) {
      throw new IllegalArgumentException("need windowBlocks >= 2 and a positive spacing");
    }
  }

  @Override
  public int nextBits(BlockHistory parentChain) {
    long tip = parentChain.tipHeight();
    if (tip < windowBlocks) {
      return initialBits;
    }
    long spacing = targetSpacingMillis;
    long previousTime = parentChain.timeMillis(tip - windowBlocks);
    long weightedSolveTimes = 0;
    BigInteger targetSum = BigInteger.ZERO;
    int weight = 0;
    for (long height = tip - windowBlocks + 1; height <= tip; height++) {
      long time = parentChain.timeMillis(height);
      long thisTime = time > previousTime ? time : previousTime + 1;
      long solveTime = Math.min(6 * spacing, thisTime - previousTime);
      previousTime = thisTime;
      weight++;
      weightedSolveTimes += solveTime * weight;
      targetSum = targetSum.add(CompactTarget.decode(parentChain.bits(height)).value());
    }
    BigInteger k =
        BigInteger.valueOf(windowBlocks)
            .multiply(BigInteger.valueOf(windowBlocks + 1))
            .multiply(BigInteger.valueOf(spacing))
            .divide(BigInteger.TWO);
    BigInteger next =
        targetSum
            .multiply(BigInteger.valueOf(weightedSolveTimes))
            .divide(BigInteger.valueOf(windowBlocks).multiply(k));
    if (next.compareTo(powLimit) > 0) {
      next = powLimit;
    }
    if (next.signum() == 0) {
      next = BigInteger.ONE;
    }
    return CompactTarget.encode(next);
  }
}
