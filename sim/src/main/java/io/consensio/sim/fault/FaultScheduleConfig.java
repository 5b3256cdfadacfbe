package io.consensio.sim.fault;

/**
 * Timing of the faults a {@link FaultScheduler} generates. All durations are in virtual
 * microseconds; each fault's duration is uniform in its [min, max].
 *
 * @param faultPhaseMicros faults happen in [0, this); at this time everything is healed, restarted,
 *     resumed and unskewed, and the orchestrator's liveness phase can begin
 * @param meanIntervalMicros mean time between fault onsets (exponentially distributed)
 * @param maxConcurrentCrashes never more nodes than this crashed at once (e.g. f for BFT)
 * @param maxSkewMillis clock skews are uniform in [-this, +this]
 */
public record FaultScheduleConfig(
    long faultPhaseMicros,
    long meanIntervalMicros,
    int maxConcurrentCrashes,
    long minDowntimeMicros,
    long maxDowntimeMicros,
    long minPauseMicros,
    long maxPauseMicros,
    long minPartitionMicros,
    long maxPartitionMicros,
    long maxSkewMillis) {

  public FaultScheduleConfig {
    if (faultPhaseMicros < 0 || meanIntervalMicros <= 0 || maxConcurrentCrashes < 0) {
      throw new IllegalArgumentException(
          "need faultPhase >= 0, meanInterval > 0, maxConcurrentCrashes >= 0");
    }
    requireRange("downtime", minDowntimeMicros, maxDowntimeMicros);
    requireRange("pause", minPauseMicros, maxPauseMicros);
    requireRange("partition", minPartitionMicros, maxPartitionMicros);
    if (maxSkewMillis < 0) {
      throw new IllegalArgumentException("maxSkewMillis must not be negative");
    }
  }

  /**
   * A fault every 2 s on average during {@code faultPhaseMicros}, at most {@code
   * maxConcurrentCrashes} nodes down, downtimes 1-5 s, pauses 0.2-2 s, partitions 1-6 s, skews up
   * to 500 ms.
   */
  public static FaultScheduleConfig defaults(long faultPhaseMicros, int maxConcurrentCrashes) {
    return new FaultScheduleConfig(
        faultPhaseMicros,
        2_000_000,
        maxConcurrentCrashes,
        1_000_000,
        5_000_000,
        200_000,
        2_000_000,
        1_000_000,
        6_000_000,
        500);
  }

  private static void requireRange(String what, long min, long max) {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException(
          what + " duration needs 0 <= min <= max, got " + min + ".." + max);
    }
  }
}
