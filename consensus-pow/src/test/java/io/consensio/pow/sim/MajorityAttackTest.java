package io.consensio.pow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.types.Block;
import io.consensio.api.types.NodeId;
import io.consensio.sim.SimNode;
import io.consensio.sim.Simulation;
import io.consensio.sim.SimulationConfig;
import io.consensio.sim.SimulationResult;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Nakamoto 2008, §11: an attacker with most of the hash power mines a private chain and releases
 * it. Four honest miners with one worker each face an attacker with eight (two thirds of the hash
 * rate), cut off from them for 30 s — the private mining — then reconnected.
 *
 * <p>Three defences are compared, with the conventional k = 6:
 *
 * <ul>
 *   <li>Counting confirmations only, as Bitcoin does: the node keeps following the most work and a
 *       client calls a transaction settled at k confirmations. Here the engine's ledger finality
 *       ({@code confirmations}, which the ledger never reverts) is set beyond the attack's length
 *       ({@link #FINALITY_BEYOND_THE_ATTACK} blocks against about 30 mined in private), so nothing
 *       the honest side mined is final when the attack lands: the released chain has more work and
 *       every honest node abandons blocks that had six and more confirmations.
 *   <li>The engine's default, finality at k: the honest nodes' k-deep blocks are final, so they
 *       refuse the attacker's chain — and the network stays split, because the attacker (and any
 *       node that was offline and sees the heavier chain first) keeps its own.
 *   <li>Signed checkpoints from an honest key holder: the honest nodes refuse the chain, and a node
 *       that was not online learns the checkpoint from the network.
 * </ul>
 */
class MajorityAttackTest {
  static final long INTERVAL = 1_000;
  static final int K = 6;
  static final int FINALITY_BEYOND_THE_ATTACK = 100;
  static final NodeId ATTACKER = NodeId.of("node-04");
  static final Set<NodeId> HONEST =
      Set.of(
          NodeId.of("node-00"), NodeId.of("node-01"), NodeId.of("node-02"), NodeId.of("node-03"));

  static Simulation attack(int finalityDepth, boolean checkpoints) {
    ObjectNode pow = SimPow.section(INTERVAL, finalityDepth);
    ObjectNode section = SimPow.simSection(pow, Map.of(ATTACKER.value(), 8));
    if (checkpoints) {
      pow.put("checkpointIntervalBlocks", 2);
      pow.put("checkpointDepth", K);
      section.put("checkpointHolder", "node-00");
      section.put("ignoresCheckpoints", ATTACKER.value()); // an attacker obeys no checkpoint
    }
    SimulationConfig config =
        SimulationConfig.of("pow-sim", 5, 21)
            .withDurations(30_000, 20_000)
            // The target suits the four honest miners alone; the attacker doubles the total.
            .withComputeUnitsPerSecond(SimPow.hashRate(HONEST.size(), INTERVAL))
            .withConsensusSection(section);
    Simulation simulation = new Simulation(config);
    simulation.partition(Map.of("honest", HONEST, "attacker", Set.of(ATTACKER)));
    return simulation;
  }

  @Test
  void withoutCheckpointsTheReleasedChainRevertsBlocksSixDeep() {
    Simulation simulation = attack(FINALITY_BEYOND_THE_ATTACK, false);
    SimulationResult result = simulation.run();
    String replay = result.replayCommand();
    long honestBlocks =
        HONEST.stream()
            .mapToLong(id -> simulation.nodes().get(id).metrics().counter("pow.mined"))
            .sum();
    assertThat(honestBlocks).as("the honest side mined its own chain; %s", replay).isGreaterThan(K);
    for (NodeId id : HONEST) {
      SimNode node = simulation.nodes().get(id);
      assertThat(SimPow.deepestReorg(node))
          .as("%s abandoned blocks with at least %d confirmations; %s", id, K, replay)
          .isGreaterThanOrEqualTo(K);
    }
    SimPow.assertSameHeadAndState(simulation, replay);
    ChainStore attacker = simulation.nodes().get(ATTACKER).core().chain();
    ChainStore honest = simulation.nodes().get(NodeId.of("node-00")).core().chain();
    for (long h = 1; h <= K; h++) {
      assertThat(honest.canonicalAt(h).map(Block::id))
          .as("height %d is the attacker's block", h)
          .isEqualTo(attacker.canonicalAt(h).map(Block::id));
    }
  }

  @Test
  void withFinalityAtKTheHonestNodesRefuseTheReleasedChainAndTheNetworkStaysSplit() {
    Simulation simulation = attack(K, false);
    SimulationResult result = simulation.run();
    String replay = result.replayCommand();
    long refusals = 0;
    for (NodeId id : HONEST) {
      SimNode node = simulation.nodes().get(id);
      refusals +=
          node.metrics().counter("pow.reorg.refused", "reason", "below-finalized")
              + node.metrics().counter("pow.dropped", "reason", "below-finalized")
              + node.metrics().counter("ledger.block.rejected", "reason", "fork-below-finalized");
      assertThat(SimPow.deepestReorg(node))
          .as("%s never reverted a block with k confirmations; %s", id, replay)
          .isLessThan(K);
    }
    assertThat(refusals).as("the released chain was refused; %s", replay).isPositive();
    SimPow.assertSameHeadAndState(simulation, HONEST, replay);
    ChainStore attacker = simulation.nodes().get(ATTACKER).core().chain();
    ChainStore honest = simulation.nodes().get(NodeId.of("node-00")).core().chain();
    assertThat(attacker.canonicalAt(1).map(Block::id))
        .as("the attacker kept its own chain: the network is split; %s", replay)
        .isNotEqualTo(honest.canonicalAt(1).map(Block::id));
  }

  @Test
  void withCheckpointsTheHonestNodesRefuseTheReleasedChain() {
    Simulation simulation = attack(FINALITY_BEYOND_THE_ATTACK, true);
    SimulationResult result = simulation.run();
    String replay = result.replayCommand();
    assertThat(result.safetyViolations()).as(replay).isZero();
    long refusals = 0;
    for (NodeId id : HONEST) {
      SimNode node = simulation.nodes().get(id);
      // Checkpointed blocks are final, so the attacker's fork is refused by whichever rule sees
      // it first: the fork choice, the seal check at the checkpoint height, or the ledger and
      // block sync below the finalized head.
      refusals +=
          node.metrics().counter("pow.reorg.refused", "reason", "checkpoint")
              + node.metrics().counter("pow.seal.rejected", "reason", "checkpoint-mismatch")
              + node.metrics().counter("pow.dropped", "reason", "below-finalized")
              + node.metrics().counter("ledger.block.rejected", "reason", "fork-below-finalized");
      long checkpointHeight = (long) node.core().status().details().get("checkpointHeight");
      assertThat(checkpointHeight).as("%s knows a checkpoint; %s", id, replay).isGreaterThan(K);
      assertThat(SimPow.deepestReorg(node))
          .as("%s never reverted a checkpointed block; %s", id, replay)
          .isLessThan(K + 2);
      assertThat(node.core().chain().finalizedHead().height())
          .as("checkpoints are final on %s", id)
          .isEqualTo(checkpointHeight);
    }
    assertThat(refusals).as("the released chain was refused; %s", replay).isPositive();
    SimPow.assertSameHeadAndState(simulation, HONEST, replay);
    long attackerHeight = simulation.nodes().get(ATTACKER).core().chain().head().height();
    long honestHeight = simulation.nodes().get(NodeId.of("node-00")).core().chain().head().height();
    assertThat(attackerHeight)
        .as("the attacker's chain is longer, and still refused; %s", replay)
        .isGreaterThan(honestHeight);
  }
}
