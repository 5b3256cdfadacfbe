package io.consensio.pow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.ledger.ChainStore;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.sim.SimNode;
import io.consensio.sim.Simulation;
import io.consensio.sim.SimulationConfig;
import io.consensio.sim.SimulationResult;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two sides of a partition mine apart; after the heal the lighter side reorgs onto the heavier
 * chain (Nakamoto 2008, §5), the ledger reverts and re-applies state, and the mempool takes back
 * the transactions of the reverted blocks (or finds them in the winning chain, where the clients'
 * resubmissions may have put them) so that every one ends up final everywhere, executed once.
 */
class PartitionHealTest {
  static final long INTERVAL = 1_000;
  static final int CONFIRMATIONS = 12;

  @Test
  void theMinoritySideReorgsOntoTheHeavierChainAndLosesNoTransaction() {
    SimulationConfig config =
        SimulationConfig.of("pow", 4, 5)
            .withDurations(10_000, 30_000)
            .withComputeUnitsPerSecond(SimPow.hashRate(4, INTERVAL))
            .withConsensusSection(SimPow.section(INTERVAL, CONFIRMATIONS));
    Simulation simulation = new Simulation(config);
    NodeId minority = NodeId.of("node-03");
    simulation.partition(
        Map.of(
            "majority", Set.of(NodeId.of("node-00"), NodeId.of("node-01"), NodeId.of("node-02")),
            "minority", Set.of(minority)));
    SimulationResult result = simulation.run();
    String replay = result.replayCommand();

    assertThat(result.safetyViolations()).as(replay).isZero();
    assertThat(result.committedTxsLost()).as(replay).isZero();
    SimNode lonely = simulation.nodes().get(minority);
    assertThat(lonely.metrics().counter("pow.mined")).as("the minority mined alone").isPositive();
    assertThat(SimPow.deepestReorg(lonely)).as("the minority reorged").isPositive();
    for (String id : new String[] {"node-00", "node-01", "node-02"}) {
      assertThat(SimPow.deepestReorg(simulation.nodes().get(NodeId.of(id))))
          .as("the heavier side never reverted its partition blocks")
          .isLessThan(2);
    }
    for (SimNode node : simulation.nodes().values()) {
      ChainStore chain = node.core().chain();
      for (Hash tx : simulation.submittedTransactions()) {
        assertThat(chain.findTransaction(tx))
            .as("%s holds %s as final; %s", node.id(), tx, replay)
            .hasValueSatisfying(location -> assertThat(location.isFinal()).isTrue());
      }
      // Nothing stuck in flight or left behind by the reorg: every transaction was settled.
      assertThat(node.core().mempool().size()).as("mempool of %s", node.id()).isZero();
    }
    SimPow.assertSameHeadAndState(simulation, replay);
  }
}
