package io.consensio.pos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.types.Block;
import io.consensio.sim.SimNode;
import io.consensio.sim.Simulation;
import io.consensio.sim.SimulationConfig;
import io.consensio.sim.SimulationResult;
import io.consensio.sim.fault.FaultPlan;
import io.consensio.sim.load.LoadConfig;
import org.junit.jupiter.api.Test;

/**
 * Issue 7's seed count: {@value #SEEDS} random runs of four validators under 10% message loss,
 * duplication, reordering, partitions and crash-restarts that lose unsynced writes. Each run is
 * short and fast-slotted (100 ms slots, 4-slot epochs, so an epoch passes in 400 ms and finality
 * moves every few hundred milliseconds) so that the whole sweep costs well under a minute of CPU.
 *
 * <p>The simulator's invariant checkers watch every node throughout each run: no finalized block
 * ever reverts, no two nodes finalize different blocks at one height, no node's executed state
 * differs from the state root of its blocks, no transaction executes twice. On top of that, after
 * the heal every node must finalize blocks made after the faults, agree with the others at the
 * lowest finalized height, and every client transaction must become final.
 */
class PosManySeedsSafetyTest {
  private static final int SEEDS = 300;
  private static final long FAULT_MILLIS = 3_000;
  private static final long SETTLE_MILLIS = 4_000;

  @Test
  void noFinalizedBlockRevertsAndNoStateDivergesOverThreeHundredSeeds() {
    ObjectNode fastSlots =
        JsonNodeFactory.instance
            .objectNode()
            .put("slotMillis", 100)
            .put("epochSlots", 4)
            .put("voteDelaySlots", 2);
    for (long seed = 1; seed <= SEEDS; seed++) {
      SimulationConfig config =
          SimulationConfig.of("pos", 4, seed)
              .withFaults(FaultPlan.parse("loss=0.1,dup=0.02,reorder=0.05,partition,crash"))
              .withDurations(FAULT_MILLIS, SETTLE_MILLIS)
              .withLoad(LoadConfig.defaults().withRate(20).withResubmitAfterMicros(1_000_000))
              .withConsensusSection(fastSlots);
      Simulation simulation = new Simulation(config);
      SimulationResult result = simulation.run();
      String replay = result.replayCommand() + "\n" + String.join("\n", result.violations());
      assertThat(result.safetyViolations()).as(replay).isZero();
      assertThat(result.committedTxsLost()).as(replay).isZero();
      assertThat(result.messagesDropped()).as("the faults happened; " + replay).isPositive();
      assertThat(result.pendingTxs()).as("liveness after the heal; " + replay).isZero();
      assertOneFinalizedChainMadeAfterTheHeal(simulation, replay);
    }
  }

  private static void assertOneFinalizedChainMadeAfterTheHeal(
      Simulation simulation, String replay) {
    Block lowest = null;
    for (SimNode node : simulation.nodes().values()) {
      Block finalized = node.core().chain().finalizedHead();
      assertThat(finalized.header().timestampMillis())
          .as("%s finalizes blocks made after the heal; %s", node.id(), replay)
          .isGreaterThan(FAULT_MILLIS);
      lowest = lowest == null || finalized.height() < lowest.height() ? finalized : lowest;
    }
    for (SimNode node : simulation.nodes().values()) {
      ChainStore chain = node.core().chain();
      assertThat(chain.canonicalAt(lowest.height()))
          .as("%s agrees at the lowest finalized height; %s", node.id(), replay)
          .contains(lowest);
    }
  }
}
