package io.consensio.pow.difficulty;

import java.util.List;

/** A history given as lists indexed by height, for rule tests. */
record ListHistory(List<Long> times, List<Integer> bits) implements BlockHistory {
  @Override
  public long tipHeight() {
    return times.size() - 1;
  }

  @Override
  public long timeMillis(long height) {
    return times.get((int) height);
  }

  @Override
  public int bits(long height) {
    return bits.get((int) height);
  }
}
