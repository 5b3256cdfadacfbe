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
 * Over {@value #SEEDS} seeds of random partitions, crashes, pauses, skew and message loss: after
 * the heal, every node's final chain is a prefix of every other's (the shorter one's finalized
 * blocks are exactly the longer one's at those heights), each node's executed state matches the
 * root its final head commits to, and nodes sharing a final head hold the same state.
 *
 * <p>Kept cheap so that all seeds run in well under a minute on one core: four nodes, 10 s of
 * faults and 20 s to settle in virtual time (about 30 blocks), and a light client load of {@value
 * #TX_PER_SECOND} transactions per second. The simulated hash count per block is tiny ({@link
 * SimPow#HASHES_PER_BLOCK}), so the wall time goes to block execution and to signing and verifying
 * the clients' transactions, which is what the load rate bounds. The faults are the simulator's
 * defaults (partitions of 1-6 s, crashes of 1-5 s), so with one-second blocks a partition side
 * mines a handful of blocks; {@code confirmations} 12 keeps those from becoming final on both
 * sides, which would split the network for good (see the module README).
 */
class RandomFaultsTest {
  static final int SEEDS = 300;
  static final long INTERVAL = 1_000;
  static final double TX_PER_SECOND = 2;

  @Test
  void finalChainsArePrefixesOfEachOtherWithEqualStateRoots() {
    for (long seed = 100; seed < 100 + SEEDS; seed++) {
      SimulationConfig base = SimulationConfig.of("pow", 4, seed);
      SimulationConfig config =
          base.withLoad(base.load().withRate(TX_PER_SECOND))
              .withFaults(FaultPlan.parse("partition,crash,pause,skew,loss=0.05,reorder=0.05"))
              .withDurations(10_000, 20_000)
              .withComputeUnitsPerSecond(SimPow.hashRate(4, INTERVAL))
              .withConsensusSection(SimPow.section(INTERVAL, PowConformanceTest.CONFIRMATIONS));
      Simulation simulation = new Simulation(config);
      SimulationResult result = simulation.run();
      String replay = result.replayCommand() + "\n" + String.join("\n", result.violations());
      assertThat(result.safetyViolations()).as(replay).isZero();
      assertThat(result.committedTxsLost()).as(replay).isZero();
      assertThat(simulation.submittedTransactions()).as("clients submitted work").isNotEmpty();
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
