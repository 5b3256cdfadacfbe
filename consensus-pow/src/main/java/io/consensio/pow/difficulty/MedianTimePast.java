package io.consensio.pow.difficulty;

import java.util.Arrays;

/**
 * The median timestamp of a block and its up to ten predecessors, Bitcoin Core's {@code
 * CBlockIndex::GetMedianTimePast} (src/chain.h). A new block's time must exceed it, which keeps
 * timestamps moving forward even if a few miners lie about the time.
 */
public final class MedianTimePast {
  public static final int SPAN = 11;

  private MedianTimePast() {}

  public static long of(BlockHistory chain) {
    long tip = chain.tipHeight();
    int count = (int) Math.min(SPAN, tip + 1);
    long[] times = new long[count];
    for (int i = 0; i < count; i++) {
      times[i] = chain.timeMillis(tip - i);
    }
    Arrays.sort(times);
    return times[count / 2];
  }
}
