package io.consensio.sim.load;

import java.util.Arrays;

/** A growable sample of latencies in microseconds with nearest-rank percentiles. */
public final class LatencyStats {
  private long[] samples = new long[64];
  private int count;
  private boolean sorted = true;

  public void add(long micros) {
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, count * 2);
    }
    samples[count++] = micros;
    sorted = false;
  }

  public int count() {
    return count;
  }

  /**
   * The nearest-rank {@code percentile} (0 < p <= 100) in microseconds; 0 when there are no
   * samples.
   */
  public long percentileMicros(double percentile) {
    if (!(percentile > 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
    }
    if (count == 0) {
      return 0;
    }
    if (!sorted) {
      Arrays.sort(samples, 0, count);
      sorted = true;
    }
    int rank = (int) Math.ceil(percentile / 100.0 * count);
    return samples[Math.max(rank, 1) - 1];
  }

  public long maxMicros() {
    return count == 0 ? 0 : percentileMicros(100);
  }
}
