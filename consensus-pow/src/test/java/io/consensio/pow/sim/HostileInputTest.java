package io.consensio.pow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.api.ConsensusEngine;
import io.consensio.api.crypto.Signature;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.MerkleTree;
import io.consensio.api.types.NodeId;
import io.consensio.pow.checkpoint.Checkpoint;
import io.consensio.pow.header.PowSeal;
import io.consensio.pow.messages.PowCodec;
import io.consensio.pow.messages.PowMessage;
import io.consensio.sim.SimNode;
import io.consensio.sim.Simulation;
import io.consensio.sim.SimulationConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Malformed and forged input from peers is dropped and counted; it never throws or moves the head.
 */
class HostileInputTest {
  @Test
  void malformedAndForgedMessagesAreDroppedAndCounted() {
    ObjectNode section = SimPow.simSection(SimPow.section(1_000, 6), Map.of());
    section.put("checkpointHolder", "node-00");
    SimulationConfig config =
        SimulationConfig.of("pow-sim", 4, 31)
            .withDurations(5_000, 0)
            .withComputeUnitsPerSecond(SimPow.hashRate(4, 1_000))
            .withConsensusSection(section);
    Simulation simulation = new Simulation(config);
    simulation.run();
    SimNode victim = simulation.nodes().get(NodeId.of("node-01"));
    ConsensusEngine engine = victim.core().engine();
    NodeId peer = NodeId.of("node-02");
    Block head = victim.core().chain().head();
    assertThat(head.height()).as("the cluster mined").isPositive();

    // A new block on the head whose seal is zeros: bits 0 is no usable target, so no hash meets it.
    Block unknownForgery =
        new Block(
            new BlockHeader(
                head.height() + 1,
                head.id(),
                head.header().timestampMillis() + 1,
                head.header().proposer(),
                MerkleTree.EMPTY_ROOT,
                head.header().stateRoot(),
                new byte[PowSeal.SIZE]),
            List.of());
    engine.onMessage(peer, new byte[] {99, 1, 2});
    engine.onMessage(peer, new byte[0]);
    engine.onMessage(peer, PowCodec.encode(new PowMessage.Announce(unknownForgery.header())));
    engine.onMessage(peer, PowCodec.encode(new PowMessage.BlockMessage(unknownForgery)));
    engine.onMessage(
        peer,
        PowCodec.encode(
            new PowMessage.CheckpointMessage(
                new Checkpoint(99, head.id(), Signature.wrap(new byte[64])))));
    engine.onMessage(NodeId.of("stranger"), PowCodec.encode(new PowMessage.GetBlock(head.id())));

    assertThat(victim.metrics().counter("pow.dropped", "reason", "malformed")).isEqualTo(2);
    assertThat(victim.metrics().counter("pow.dropped", "reason", "bad-pow-announce")).isEqualTo(1);
    assertThat(victim.metrics().counter("pow.dropped", "reason", "bad-pow")).isEqualTo(1);
    assertThat(victim.metrics().counter("pow.dropped", "reason", "bad-checkpoint")).isEqualTo(1);
    assertThat(victim.metrics().counter("pow.dropped", "reason", "not-a-peer")).isEqualTo(1);
    assertThat(victim.core().chain().head()).isEqualTo(head);
  }
}
