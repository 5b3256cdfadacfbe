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
 * <p>Ledger finality is set out of reach ({@code confirmations} 1000) so that what is tested is the
 * k-deep confirmation rule itself, with the conventional k = 6: without checkpoints the released
 * chain has more work and every honest node abandons blocks that had six and more confirmations;
 * with checkpoints signed by an honest key holder, the honest nodes refuse it.
 */
class MajorityAttackTest {
  static final long INTERVAL = 1_000;
  static final int K = 6;
  static final NodeId ATTACKER = NodeId.of("node-04");
  static final Set<NodeId> HONEST =
      Set.of(
          NodeId.of("node-00"), NodeId.of("node-01"), NodeId.of("node-02"), NodeId.of("node-03"));

  static Simulation attack(boolean checkpoints) {
    ObjectNode pow = SimPow.section(INTERVAL, 1_000);
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
    Simulation simulation = attack(false);
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
  void withCheckpointsTheHonestNodesRefuseTheReleasedChain() {
    Simulation simulation = attack(true);
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
