package io.consensio.app.bench;

/**
 * One slot length of the {@link DposFinalitySuite}: what the simulated clients saw.
 *
 * @param slotMillis the DPoS slot length
 * @param engineDefault whether it is the engine's default slot length
 * @param delegates delegates per round (every node, elected at genesis)
 * @param loadSeconds virtual time during which clients submitted
 * @param submitted distinct transactions submitted
 * @param finalized transactions seen irreversible (the latency sample)
 * @param pending transactions never seen irreversible by the end (0 in a healthy run)
 * @param throttled arrivals dropped because every client had its maximum outstanding (0 keeps the
 *     load open)
 * @param p50Ms median time from submission to irreversibility
 * @param p99Ms 99th percentile of it
 * @param finalizedHeight the lowest last-irreversible height over all nodes at the end
 * @param wallMillis how long the simulation took on this machine
 * @param cpuMillis CPU time of the simulating thread
 * @param safe no invariant checker found a violation
 */
public record FinalityResult(
    long slotMillis,
    boolean engineDefault,
    int delegates,
    double loadSeconds,
    long submitted,
    long finalized,
    long pending,
    long throttled,
    double p50Ms,
    double p90Ms,
    double p99Ms,
    double maxMs,
    long finalizedHeight,
    long wallMillis,
    long cpuMillis,
    boolean safe) {

  /** The median latency in slots, to compare with the ~15 slots the protocol implies. */
  public double p50Slots() {
    return p50Ms / slotMillis;
  }

  /** The 99th percentile latency in slots. */
  public double p99Slots() {
    return p99Ms / slotMillis;
  }
}
