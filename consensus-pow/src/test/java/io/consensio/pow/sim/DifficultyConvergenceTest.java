package io.consensio.pow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.types.NodeId;
import io.consensio.pow.target.CompactTarget;
import io.consensio.sim.Simulation;
import io.consensio.sim.SimulationConfig;
import io.consensio.sim.SimulationResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The retarget rules steer the block interval to its target from a difficulty that starts four
 * times too easy: after a warm-up, the mean interval of the canonical chain's timestamps is within
 * ±10% of the target. Hundreds of blocks are measured, so the statistical spread of exponential
 * solve times (±1/√n) stays well inside the tolerance.
 */
class DifficultyConvergenceTest {
  static final long INTERVAL = 500;
  static final int NODES = 3;
  static final int WARM_UP_BLOCKS = 120;

  @ParameterizedTest
  @ValueSource(strings = {"lwma", "bitcoin"})
  void theMeanIntervalConvergesToTheTarget(String rule) {
    ObjectNode section = SimPow.section(INTERVAL, 6);
    section.put("difficultyRule", rule);
    section.put("retargetIntervalBlocks", 40);
    section.put(
        "genesisBits",
        "0x"
            + Integer.toHexString(
                CompactTarget.bitsForExpectedHashes(SimPow.HASHES_PER_BLOCK / 4)));
    SimulationConfig base = SimulationConfig.of("pow", NODES, 3);
    SimulationConfig config =
        base.withDurations(300_000, 0)
            .withLoad(base.load().withRate(2))
            .withComputeUnitsPerSecond(SimPow.hashRate(NODES, INTERVAL))
            .withConsensusSection(section);
    Simulation simulation = new Simulation(config);
    SimulationResult result = simulation.run();
    ChainStore chain = simulation.nodes().get(NodeId.of("node-00")).core().chain();
    long last = chain.head().height();
    long first = WARM_UP_BLOCKS;
    assertThat(last - first).as("blocks measured").isGreaterThan(300);
    double mean =
        (chain.canonicalAt(last).orElseThrow().header().timestampMillis()
                - chain.canonicalAt(first).orElseThrow().header().timestampMillis())
            / (double) (last - first);
    System.out.printf(
        "%s retarget: mean interval %.1f ms over %d blocks (target %d ms)%n",
        rule, mean, last - first, INTERVAL);
    assertThat(mean).as(result.replayCommand()).isBetween(INTERVAL * 0.9, INTERVAL * 1.1);
  }
}
