package io.consensio.bench.cluster;

/**
 * What one closed-loop run measured.
 *
 * @param committed operations that committed
 * @param failed operations the system refused (each one is a defect of the run, reported)
 * @param seconds wall time from the first submission to the last commit
 * @param p50Micros median submit-to-commit latency
 * @param p99Micros 99th percentile submit-to-commit latency
 * @param steadyOpsPerSecond commits per second between the 10th and 90th percentile of commit
 *     times, i.e. without the pipeline filling at the start and draining at the end
 */
public record LoadResult(
    long committed,
    long failed,
    double seconds,
    double p50Micros,
    double p99Micros,
    double steadyOpsPerSecond) {
  /** Committed operations per second. */
  public double opsPerSecond() {
    return seconds <= 0 ? 0 : committed / seconds;
  }

  @Override
  public String toString() {
    return String.format(
        "%,d committed (%d failed) in %.2f s: %,.0f ops/s (steady %,.0f), p50 %.2f ms, p99 %.2f ms",
        committed,
        failed,
        seconds,
        opsPerSecond(),
        steadyOpsPerSecond,
        p50Micros / 1000.0,
        p99Micros / 1000.0);
  }
}
