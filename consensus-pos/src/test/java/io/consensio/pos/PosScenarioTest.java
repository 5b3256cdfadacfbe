package io.consensio.pos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.pos.chain.BlockInfo;
import io.consensio.pos.chain.VrfRegistry;
import io.consensio.pos.seal.PosSeal;
import io.consensio.sim.SimNode;
import io.consensio.sim.Simulation;
import io.consensio.sim.SimulationConfig;
import io.consensio.sim.SimulationResult;
import io.consensio.sim.fault.FaultPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    long reporters = 0;
    for (NodeId honest : Set.of(N1, N2, N3)) {
      SimNode node = simulation.nodes().get(honest);
      ChainStore chain = node.core().chain();
      LedgerState head = chain.headState();
      assertThat(head.isSlashed(offender)).as("slashed on %s", honest).isTrue();
      assertThat(head.stake(offender)).as("ledger stake of the offender on %s", honest).isZero();
      assertThat(head.account(offender).unbonding()).isZero();
      assertThat(headInfo(node).epochStakes()).doesNotContainKey(offender);
      assertThat(node.metrics().counter("pos.equivocation.detected", "kind", "double-proposal"))
          .as("%s detected the equivocation itself", honest)
          .isPositive();
      reporters += node.metrics().counter("pos.evidence.reported") > 0 ? 1 : 0;

      List<Transaction> evidence = evidenceOnCanonicalChain(chain);
      assertThat(evidence)
          .as("one report executes on %s; the others are refused as already slashed", honest)
          .hasSize(1);
      PublicKey reporter = evidence.get(0).sender();
      // Validators pay no fees (reports are free), earn their blocks' fees, and the reporter 10%
      // (the default reporterRewardPercent) of the offender's confiscated 1,000 stake.
      for (NodeId validator : Set.of(N1, N2, N3)) {
        PublicKey key = engine(simulation.nodes().get(validator)).selfKey();
        long reward = key.equals(reporter) ? 100 : 0;
        assertThat(head.balance(key))
            .as("balance of %s on %s", validator, honest)
            .isEqualTo(1_000_000 + feesEarned(chain, key) + reward);
      }
      assertNoBlockByAfterSlashing(chain, offender);
    }
    assertThat(reporters).as("several honest nodes reported the offence").isGreaterThan(1);
    assertThat(result.height()).as("finality continues without the offender").isPositive();
    assertOneFinalizedChain(simulation);
  }

  private static List<Transaction> evidenceOnCanonicalChain(ChainStore chain) {
    List<Transaction> found = new ArrayList<>();
    for (long h = 1; h <= chain.head().height(); h++) {
      for (Transaction tx : chain.canonicalAt(h).orElseThrow().transactions()) {
        if (tx.payload() instanceof TxPayload.Evidence) {
          found.add(tx);
        }
      }
    }
    return found;
  }

  private static long feesEarned(ChainStore chain, PublicKey proposer) {
    long fees = 0;
    for (long h = 1; h <= chain.head().height(); h++) {
      Block block = chain.canonicalAt(h).orElseThrow();
      if (block.header().proposer().equals(proposer)) {
        fees += block.transactions().stream().mapToLong(Transaction::fee).sum();
      }
    }
    return fees;
  }

  /** After the block that carried the evidence, no block on the head chain is the offender's. */
  private static void assertNoBlockByAfterSlashing(ChainStore chain, PublicKey offender) {
    boolean slashed = false;
    for (long h = 1; h <= chain.head().height(); h++) {
      Block block = chain.canonicalAt(h).orElseThrow();
      if (slashed) {
        assertThat(block.header().proposer()).isNotEqualTo(offender);
      }
      slashed |=
          block.transactions().stream().anyMatch(tx -> tx.payload() instanceof TxPayload.Evidence);
    }
    assertThat(slashed).isTrue();
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
  void validatorsRegisterTheirVrfKeysAndFromTheirActivationEpochDrawOnlyVrfTickets() {
    SimulationConfig config = SimulationConfig.of("pos", 4, 11).withDurations(16_000, 4_000);
    Simulation simulation = new Simulation(config);
    SimulationResult result = simulation.run();
    assertSafe(result);
    SimNode observer = simulation.nodes().get(N1);
    VrfRegistry registry = headInfo(observer).vrfRegistry();
    long lastActivation = 0;
    for (SimNode node : simulation.nodes().values()) {
      PosEngine engine = engine(node);
      VrfRegistry.Registration registration = registry.registration(engine.selfKey()).orElseThrow();
      assertThat(registration.key())
          .as("%s's registered key is the one its signer derives", node.id())
          .isEqualTo(engine.vrfPublicKey());
      lastActivation = Math.max(lastActivation, registration.activeFromEpoch());
    }
    PosConfig pos = PosConfig.DEFAULTS;
    ChainStore chain = observer.core().chain();
    int vrfBlocks = 0;
    for (long height = 1; height <= chain.head().height(); height++) {
      Block block = chain.canonicalAt(height).orElseThrow();
      PosSeal seal = PosSeal.decode(block.header().seal());
      long epoch = pos.epochOf(seal.slot());
      assertThat(seal.hasVrfProof())
          .as(
              "block %d in epoch %d: VRF ticket exactly when the proposer's key is in force",
              height, epoch)
          .isEqualTo(registry.activeKey(block.header().proposer(), epoch).isPresent());
      if (epoch >= lastActivation) {
        assertThat(seal.hasVrfProof()).as("block %d after every key is in force", height).isTrue();
        vrfBlocks++;
      }
    }
    assertThat(lastActivation).as("registrations land in the first epochs").isLessThanOrEqualTo(4);
    assertThat(vrfBlocks).as("blocks drawn by VRF tickets").isGreaterThan(10);
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
