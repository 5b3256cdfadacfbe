package io.consensio.pow.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.pow.target.CompactTarget;

/**
 * How simulations pick proof-of-work parameters. The simulator runs every nonce search for real but
 * delivers it after {@code nonces / computeUnitsPerSecond} of virtual time, so the real cost of a
 * run is the total simulated hash count: keep the expected hashes per block small (a few thousand)
 * and set the per-node simulated hash rate so that {@code nodes × rate × interval} equals it. The
 * chunk size is a small fraction of a block's expected hashes, because the simulator charges a
 * whole chunk even when a nonce is found early.
 */
final class SimPow {
  /** Expected hashes per block across the whole network. */
  static final long HASHES_PER_BLOCK = 512;

  private SimPow() {}

  /** Simulated hashes per second per node for {@code nodes} miners and {@code intervalMillis}. */
  static double hashRate(int nodes, long intervalMillis) {
    return HASHES_PER_BLOCK * 1_000.0 / intervalMillis / nodes;
  }

  /** A section with a target matching {@link #hashRate} and an LWMA retarget. */
  static ObjectNode section(long intervalMillis, int confirmations) {
    ObjectNode section = JsonNodeFactory.instance.objectNode();
    section.put("targetBlockIntervalMillis", intervalMillis);
    section.put("difficultyRule", "lwma");
    section.put("lwmaWindowBlocks", 30);
    section.put(
        "genesisBits",
        "0x" + Integer.toHexString(CompactTarget.bitsForExpectedHashes(HASHES_PER_BLOCK)));
    section.put("confirmations", confirmations);
    section.put("chunkNonces", HASHES_PER_BLOCK / 64);
    return section;
  }

  /** A cluster-wide section for {@code pow-sim}: the pow section plus per-node worker counts. */
  static ObjectNode simSection(ObjectNode pow, java.util.Map<String, Integer> workers) {
    ObjectNode section = JsonNodeFactory.instance.objectNode();
    section.set("pow", pow);
    ObjectNode perNode = section.putObject("workers");
    workers.forEach(perNode::put);
    return section;
  }

  /** Every node ends on the same head with the same state. */
  static void assertSameHeadAndState(io.consensio.sim.Simulation simulation, String replay) {
    assertSameHeadAndState(simulation, simulation.nodes().keySet(), replay);
  }

  /** The listed nodes end on the same head with the same state. */
  static void assertSameHeadAndState(
      io.consensio.sim.Simulation simulation,
      java.util.Collection<io.consensio.api.types.NodeId> ids,
      String replay) {
    io.consensio.api.types.Hash head = null;
    io.consensio.api.types.Hash root = null;
    for (io.consensio.api.types.NodeId id : ids) {
      io.consensio.sim.SimNode node = simulation.nodes().get(id);
      io.consensio.api.ledger.ChainStore chain = node.core().chain();
      if (head == null) {
        head = chain.head().id();
        root = chain.headState().stateRoot();
      }
      org.assertj.core.api.Assertions.assertThat(chain.head().id())
          .as("head of %s; %s", node.id(), replay)
          .isEqualTo(head);
      org.assertj.core.api.Assertions.assertThat(chain.headState().stateRoot())
          .as("state root of %s; %s", node.id(), replay)
          .isEqualTo(root);
    }
  }

  static long deepestReorg(io.consensio.sim.SimNode node) {
    return (long) node.metrics().gaugeValue("pow.reorg.deepest");
  }
}
