package io.consensio.dpos;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.dpos.evidence.DoubleProduction;
import io.consensio.dpos.messages.DposCodec;
import io.consensio.dpos.messages.DposMessage;
import io.consensio.dpos.seal.DposSeal;
import io.consensio.runtime.net.MessageChannel;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bytes from peers are hostile: each kind of bad input is dropped, counted, and harmless. */
class HostileInputTest {
  @Test
  void malformedForgedAndMisscheduledInputIsDroppedAndCounted() {
    DposCluster cluster = new DposCluster(4, DposCluster.section(21));
    cluster.runUntil(3_250);
    Block head = cluster.chain(1).head();

    // Garbage bytes.
    cluster.core(0).onMessage(DposCluster.id(1), MessageChannel.CONSENSUS, new byte[] {1, 2, 3});
    // A real block whose seal signature is replaced: forged.
    DposSeal seal = DposSeal.decode(head.header().seal());
    Block forged =
        cluster
            .chain(1)
            .buildBlock(
                head.id(),
                java.util.List.of(),
                head.header().timestampMillis() + 500,
                head.header().proposer())
            .withSeal(
                new DposSeal(seal.slot() + 1, Optional.empty(), cluster.key(3).sign(new byte[] {1}))
                    .encode());
    cluster
        .core(0)
        .onMessage(
            DposCluster.id(1),
            MessageChannel.CONSENSUS,
            DposCodec.encode(new DposMessage.NewBlock(forged)));
    // Evidence whose second signature is not the accused's.
    Hash x = Hash.sha256(new byte[] {1});
    Hash y = Hash.sha256(new byte[] {2});
    DoubleProduction framed =
        DoubleProduction.of(
            cluster.key(2).publicKey(),
            9,
            new DoubleProduction.SignedSlot(
                x, Hash.ZERO, cluster.key(2).sign(DposSeal.signingBytes(x, 9, Hash.ZERO))),
            new DoubleProduction.SignedSlot(
                y, Hash.ZERO, cluster.key(1).sign(DposSeal.signingBytes(y, 9, Hash.ZERO))));
    cluster
        .core(0)
        .onMessage(
            DposCluster.id(1),
            MessageChannel.CONSENSUS,
            DposCodec.encode(new DposMessage.Evidence(framed)));

    assertThat(cluster.metrics(0).counter("dpos.dropped", "reason", "malformed")).isEqualTo(1);
    assertThat(cluster.metrics(0).counter("dpos.dropped", "reason", "invalid-block")).isEqualTo(1);
    assertThat(cluster.metrics(0).counter("dpos.dropped", "reason", "forged-evidence"))
        .isEqualTo(1);
    assertThat(cluster.chain(0).contains(forged.id())).isFalse();

    long libBefore = cluster.chain(0).finalizedHead().height();
    cluster.runUntil(8_250);
    assertThat(cluster.chain(0).finalizedHead().height()).isGreaterThan(libBefore);
    assertThat(cluster.status(0).details().get("slashed")).isEqualTo(java.util.Map.of());
    assertThat(cluster.chain(0).headState().slashed()).isEmpty();
  }
}
