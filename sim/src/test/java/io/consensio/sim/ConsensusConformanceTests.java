package io.consensio.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.sim.fault.FaultPlan;
import org.junit.jupiter.api.Test;

/**
 * The suite every consensus module joins with a one-line subclass (the way Apache Ratis runs one
 * suite against every transport): safety under message loss, partitions and crash-restart, liveness
 * once the network heals, and determinism. Every failure message carries the command that replays
 * the run.
 */
public abstract class ConsensusConformanceTests {
  /** The {@code consensus.type} under test. */
  protected abstract String consensusType();

  /** Cluster size; 4 tolerates one crashed node for both majority and 3f+1 quorums. */
  protected int nodes() {
    return 4;
  }

  /** Seeds per fault scenario; modules may run more. */
  protected int seedsPerScenario() {
    return 3;
  }

  /** Virtual milliseconds of faults and load, then of settling, per run. */
  protected long faultPhaseMillis() {
    return 15_000;
  }

  protected long settleMillis() {
    return 20_000;
  }

  protected SimulationConfig config(long seed, String faults) {
    return SimulationConfig.of(consensusType(), nodes(), seed)
        .withFaults(FaultPlan.parse(faults))
        .withDurations(faultPhaseMillis(), settleMillis());
  }

  private void assertSafeAndLive(String faults) {
    for (long seed = 1; seed <= seedsPerScenario(); seed++) {
      SimulationResult result = new Simulation(config(seed, faults)).run();
      String replay =
          "replay: " + result.replayCommand() + "\n" + String.join("\n", result.violations());
      assertThat(result.safetyViolations()).as(replay).isZero();
      assertThat(result.committedTxsLost()).as(replay).isZero();
      assertThat(result.committedTxs()).as("progress; " + replay).isPositive();
      assertThat(result.pendingTxs()).as("liveness after the heal; " + replay).isZero();
    }
  }

  @Test
  void safeAndLiveOnAHealthyNetwork() {
    assertSafeAndLive("none");
  }

  @Test
  void safeUnderMessageLossDuplicationAndReordering() {
    assertSafeAndLive("loss=0.1,dup=0.02,reorder=0.1");
  }

  @Test
  void safeUnderPartitionsAndLiveAfterTheyHeal() {
    assertSafeAndLive("partition");
  }

  @Test
  void safeUnderCrashRestartWithLostUnsyncedWrites() {
    assertSafeAndLive("crash,loss=0.05");
  }

  @Test
  void safeUnderPausesAndClockSkew() {
    assertSafeAndLive("pause,skew");
  }

  @Test
  void theSameSeedReplaysTheSameTraceAndAnotherSeedDoesNot() {
    SimulationConfig config = config(42, "loss=0.1,crash,partition");
    SimulationResult first = new Simulation(config).run();
    SimulationResult again = new Simulation(config).run();
    SimulationResult other = new Simulation(config.withSeed(43)).run();
    assertThat(again.traceHash()).isEqualTo(first.traceHash());
    assertThat(again.committedTxs()).isEqualTo(first.committedTxs());
    assertThat(again.height()).isEqualTo(first.height());
    assertThat(other.traceHash()).isNotEqualTo(first.traceHash());
  }
}
