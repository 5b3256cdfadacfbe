package io.consensio.bench.cluster;

/**
 * What one closed-loop run measured.
 *
 * @param committed operations that committed
 * @param failed operations the system refused (each one is a defect of the run, reported)
 * @param seconds wall time from the first submission to the last commit
 * @param p50Micros median submit-to-commit latency
 * @param p99Micros 99th percentile submit-to-commit latency
 */
public record LoadResult(
    long committed, long failed, double seconds, double p50Micros, double p99Micros) {
  /** Committed operations per second. */
  public double opsPerSecond() {
    return seconds <= 0 ? 0 : committed / seconds;
  }

  @Override
  public String toString() {
    return String.format(
        "%,d committed (%d failed) in %.2f s: %,.0f ops/s, p50 %.2f ms, p99 %.2f ms",
        committed, failed, seconds, opsPerSecond(), p50Micros / 1000.0, p99Micros / 1000.0);
  }
}
