package io.consensio.app.bench;

import java.util.ArrayList;
import java.util.List;

/** Nearest-rank percentiles and an empirical CDF of latency samples in milliseconds. Immutable. */
final class Latencies {
  private final long[] sorted;

  Latencies(List<Long> samples) {
    this.sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  int count() {
    return sorted.length;
  }

  /** The nearest-rank {@code p}-th percentile (0 < p <= 100), 0 with no samples. */
  double percentile(double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(1, Math.min(sorted.length, rank)) - 1];
  }

  double max() {
    return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
  }

  /**
   * The CDF at {@code points} evenly spaced quantiles: pairs of (latency ms, fraction of
   * transactions final within it), enough to draw it without storing every sample.
   */
  List<double[]> cdf(int points) {
    List<double[]> cdf = new ArrayList<>();
    if (sorted.length == 0) {
      return cdf;
    }
    for (int i = 1; i <= points; i++) {
      double fraction = (double) i / points;
      cdf.add(new double[] {percentile(fraction * 100), fraction});
    }
    return cdf;
  }
}
