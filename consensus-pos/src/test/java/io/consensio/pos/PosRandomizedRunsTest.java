package io.consensio.pos;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.sim.Simulation;
import io.consensio.sim.SimulationConfig;
import io.consensio.sim.SimulationResult;
import io.consensio.sim.fault.FaultPlan;
import org.junit.jupiter.api.Test;

/**
 * Randomized runs: {@value #SEEDS} seeds of four validators under 10% message loss, duplication,
 * reordering, partitions and crash-restarts with lost unsynced writes. The simulator's invariant
 * checkers watch every node throughout: no finalized block ever reverts, no two nodes finalize
 * different blocks at one height, and every node's executed state matches the roots of its blocks
 * (no state divergence). This complements {@link PosManySeedsSafetyTest}'s 300 short runs with long
 * ones at the default slot timing: 15 s of faults let partitions (up to 6 s) and downtimes (up to 5
 * s) run their full length, so catch-up across many epochs is exercised too.
 */
class PosRandomizedRunsTest {
  private static final int SEEDS = 8;

  @Test
  void noFinalizedBlockRevertsAndNoStateDivergesAcrossRandomFaults() {
    long finalizedSomewhere = 0;
    for (long seed = 100; seed < 100 + SEEDS; seed++) {
      SimulationConfig config =
          SimulationConfig.of("pos", 4, seed)
              .withFaults(FaultPlan.parse("loss=0.1,dup=0.02,reorder=0.05,partition,crash"))
              .withDurations(15_000, 15_000);
      SimulationResult result = new Simulation(config).run();
      String replay = result.replayCommand() + "\n" + String.join("\n", result.violations());
      assertThat(result.safetyViolations()).as(replay).isZero();
      assertThat(result.committedTxsLost()).as(replay).isZero();
      assertThat(result.pendingTxs()).as("liveness after the heal; " + replay).isZero();
      finalizedSomewhere += result.height() > 0 ? 1 : 0;
    }
    assertThat(finalizedSomewhere).isEqualTo(SEEDS);
  }
}
