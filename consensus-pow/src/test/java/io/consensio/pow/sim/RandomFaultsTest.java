package io.consensio.pow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.ledger.ChainStore;
import io.consensio.api.types.Block;
import io.consensio.sim.SimNode;
import io.consensio.sim.Simulation;
import io.consensio.sim.SimulationConfig;
import io.consensio.sim.SimulationResult;
import io.consensio.sim.fault.FaultPlan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Over many seeds of random partitions, crashes, pauses, skew and message loss: after the heal,
 * every node's final chain is a prefix of every other's (the shorter one's finalized blocks are
 * exactly the longer one's at those heights), each node's executed state matches the root its final
 * head commits to, and nodes sharing a final head hold the same state. {@value #SEEDS} seeds keep
 * the module's tests within about a minute.
 */
class RandomFaultsTest {
  static final int SEEDS = 20;
  static final long INTERVAL = 1_000;

  @Test
  void finalChainsArePrefixesOfEachOtherWithEqualStateRoots() {
    for (long seed = 100; seed < 100 + SEEDS; seed++) {
      SimulationConfig config =
          SimulationConfig.of("pow", 4, seed)
              .withFaults(FaultPlan.parse("partition,crash,pause,skew,loss=0.05,reorder=0.05"))
              .withDurations(10_000, 20_000)
              .withComputeUnitsPerSecond(SimPow.hashRate(4, INTERVAL))
              .withConsensusSection(SimPow.section(INTERVAL, PowConformanceTest.CONFIRMATIONS));
      Simulation simulation = new Simulation(config);
      SimulationResult result = simulation.run();
      String replay = result.replayCommand() + "\n" + String.join("\n", result.violations());
      assertThat(result.safetyViolations()).as(replay).isZero();
      List<ChainStore> chains = new ArrayList<>();
      for (SimNode node : simulation.nodes().values()) {
        chains.add(node.core().chain());
      }
      assertThat(chains.stream().mapToLong(c -> c.finalizedHead().height()).min().orElseThrow())
          .as("every node finalized something after the heal; %s", replay)
          .isPositive();
      for (ChainStore a : chains) {
        // The state each node executed is the one its final head commits to, so equal final
        // blocks mean equal states.
        Block finalHead = a.finalizedHead();
        assertThat(a.stateAt(finalHead.id()).map(s -> s.stateRoot()))
            .as("executed state of the final head; %s", replay)
            .contains(finalHead.header().stateRoot());
        for (ChainStore b : chains) {
          long common = Math.min(a.finalizedHead().height(), b.finalizedHead().height());
          for (long h = 1; h <= common; h++) {
            Block x = a.canonicalAt(h).orElseThrow();
            Block y = b.canonicalAt(h).orElseThrow();
            assertThat(x.id()).as("final block at %d; %s", h, replay).isEqualTo(y.id());
          }
          if (a.finalizedHead().id().equals(b.finalizedHead().id())) {
            assertThat(a.stateAt(a.finalizedHead().id()).map(s -> s.stateRoot()))
                .as("state at the shared final head; %s", replay)
                .isEqualTo(b.stateAt(b.finalizedHead().id()).map(s -> s.stateRoot()));
          }
        }
      }
    }
  }
}
