package io.consensio.sim.load;

/**
 * What the load generator saw. Latency is from a transaction's first submission to the first poll
 * that found it final, so its resolution is the orchestrator's polling interval.
 *
 * @param submitted distinct transactions created and submitted
 * @param resubmissions extra submissions of transactions not yet seen final
 * @param finalized transactions seen final
 * @param pending transactions submitted and not yet seen final
 * @param throttled arrivals skipped because every client had its maximum outstanding
 */
public record LoadReport(
    long submitted,
    long resubmissions,
    long finalized,
    long pending,
    long throttled,
    double p50Millis,
    double p90Millis,
    double p99Millis,
    double maxMillis) {

  @Override
  public String toString() {
    return String.format(
        "submitted=%d finalized=%d pending=%d resubmitted=%d throttled=%d latency ms p50=%.1f"
            + " p90=%.1f p99=%.1f max=%.1f",
        submitted,
        finalized,
        pending,
        resubmissions,
        throttled,
        p50Millis,
        p90Millis,
        p99Millis,
        maxMillis);
  }
}
