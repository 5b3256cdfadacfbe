package io.consensio.pos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.pos.chain.BlockInfo;
import io.consensio.sim.SimNode;
import io.consensio.sim.Simulation;
import io.consensio.sim.SimulationConfig;
import io.consensio.sim.SimulationResult;
import io.consensio.sim.fault.FaultPlan;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Proof of stake end to end on the simulator: slashing of an equivocating proposer, a partition
 * that heals into one chain with finality resuming, a minority below 1/3 of the stake that cannot
 * finalize alone, and coin-age mode.
 */
class PosScenarioTest {
  private static final NodeId N0 = NodeId.of("node-00");
  private static final NodeId N1 = NodeId.of("node-01");
  private static final NodeId N2 = NodeId.of("node-02");
  private static final NodeId N3 = NodeId.of("node-03");

  private static PosEngine engine(SimNode node) {
    return (PosEngine) node.core().engine();
  }

  private static BlockInfo headInfo(SimNode node) {
    return engine(node).info(node.core().chain().head().id()).orElseThrow();
  }

  private static void assertSafe(SimulationResult result) {
    String replay = result.replayCommand() + "\n" + String.join("\n", result.violations());
    assertThat(result.safetyViolations()).as(replay).isZero();
    assertThat(result.committedTxsLost()).as(replay).isZero();
  }

  private static void assertOneFinalizedChain(Simulation simulation) {
    Hash finalHead = null;
    long lowest = Long.MAX_VALUE;
    for (SimNode node : simulation.nodes().values()) {
      lowest = Math.min(lowest, node.core().chain().finalizedHead().height());
    }
    for (SimNode node : simulation.nodes().values()) {
      Block atLowest = node.core().chain().canonicalAt(lowest).orElseThrow();
      if (finalHead == null) {
        finalHead = atLowest.id();
      }
      assertThat(atLowest.id())
          .as("final block at height %d on %s", lowest, node.id())
          .isEqualTo(finalHead);
    }
  }

  @Test
  void anEquivocatingProposerIsSlashedOnEveryHonestNodeAndTheReporterIsRewarded() {
    SimulationConfig config =
        SimulationConfig.of("pos-equivocating", 4, 5).withDurations(12_000, 8_000);
    Simulation simulation = new Simulation(config);
    SimulationResult result = simulation.run();
    assertSafe(result);

    PublicKey offender = engine(simulation.nodes().get(N0)).selfKey();
    for (NodeId honest : Set.of(N1, N2, N3)) {
      SimNode node = simulation.nodes().get(honest);
      BlockInfo head = headInfo(node);
      assertThat(head.slashing().isSlashed(offender)).as("slashed on %s", honest).isTrue();
      assertThat(head.slashing().effective(head.epochStakes())).doesNotContainKey(offender);
      assertThat(head.slashing().credits())
          .as("the first reporter is credited 1/8 of the offender's 1,000 stake")
          .containsValue(125L)
          .doesNotContainKey(offender);
      assertThat(node.metrics().counter("pos.equivocation.detected", "kind", "double-proposal"))
          .as("%s detected the equivocation itself", honest)
          .isPositive();
      assertNoBlockByAfterSlashing(node.core().chain(), engine(node), offender);
    }
    assertThat(result.height()).as("finality continues without the offender").isPositive();
    assertOneFinalizedChain(simulation);
  }

  /** Once a block on the head chain slashed the offender, no later block on it is its own. */
  private static void assertNoBlockByAfterSlashing(
      ChainStore chain, PosEngine engine, PublicKey offender) {
    boolean slashedAbove = false;
    for (Block cursor = chain.head(); cursor.height() > chain.finalizedHead().height() - 1; ) {
      Optional<BlockInfo> info = engine.info(cursor.id());
      if (info.isEmpty()) {
        break;
      }
      if (info.get().slashing().isSlashed(offender)) {
        slashedAbove = true;
      }
      Optional<Block> parent = chain.block(cursor.parent());
      if (parent.isEmpty() || cursor.height() == 0) {
        break;
      }
      Optional<BlockInfo> parentInfo = engine.info(parent.get().id());
      if (parentInfo.isPresent() && parentInfo.get().slashing().isSlashed(offender)) {
        assertThat(cursor.header().proposer()).isNotEqualTo(offender);
      }
      cursor = parent.get();
    }
    assertThat(slashedAbove).isTrue();
  }

  @Test
  void aPartitionHealsIntoOneChainAndFinalityResumes() {
    SimulationConfig config = SimulationConfig.of("pos", 4, 7).withDurations(10_000, 15_000);
    Simulation simulation = new Simulation(config);
    // Two halves of equal stake: neither reaches 2/3, so nothing can be finalized until the heal.
    simulation.partition(
        Map.of("a", new TreeSet<>(Set.of(N0, N1)), "b", new TreeSet<>(Set.of(N2, N3))));
    SimulationResult result = simulation.run();
    assertSafe(result);
    assertThat(result.pendingTxs()).as("transactions from both halves become final").isZero();
    assertOneFinalizedChain(simulation);
    for (SimNode node : simulation.nodes().values()) {
      Block finalized = node.core().chain().finalizedHead();
      assertThat(finalized.header().timestampMillis())
          .as("%s finalized blocks made after the heal", node.id())
          .isGreaterThan(10_000);
    }
  }

  @Test
  void aValidatorWithUnderOneThirdOfTheStakeCannotFinalizeAlone() {
    SimulationConfig config = SimulationConfig.of("pos", 4, 9).withDurations(12_000, 0);
    Simulation simulation = new Simulation(config);
    simulation.partition(
        Map.of("alone", new TreeSet<>(Set.of(N0)), "rest", new TreeSet<>(Set.of(N1, N2, N3))));
    SimulationResult result = simulation.run();
    assertSafe(result);
    SimNode alone = simulation.nodes().get(N0);
    ChainStore isolated = alone.core().chain();
    assertThat(isolated.head().height()).as("the isolated validator kept proposing").isPositive();
    assertThat(isolated.head().header().proposer()).isEqualTo(engine(alone).selfKey());
    assertThat(isolated.finalizedHead().height()).as("25% of the stake finalizes nothing").isZero();
    for (NodeId id : Set.of(N1, N2, N3)) {
      assertThat(simulation.nodes().get(id).core().chain().finalizedHead().height())
          .as("75% of the stake finalizes on %s", id)
          .isPositive();
    }
  }

  @Test
  void coinAgeModeIsSafeAndLiveUnderLossAndCrashes() {
    SimulationConfig config =
        SimulationConfig.of("pos", 4, 3)
            .withFaults(FaultPlan.parse("loss=0.05,crash"))
            .withDurations(12_000, 15_000)
            .withConsensusSection(JsonNodeFactory.instance.objectNode().put("coinAge", true));
    SimulationResult result = new Simulation(config).run();
    assertSafe(result);
    assertThat(result.committedTxs()).isPositive();
    assertThat(result.pendingTxs()).isZero();
  }
}
