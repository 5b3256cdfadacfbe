package io.consensio.pbft;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.harness.Cluster;
import io.consensio.pbft.harness.Cluster.Node;
import io.consensio.pbft.messages.Signed;
import io.consensio.pbft.messages.StateResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** State transfer (OSDI'99 §4.3): a replica behind a stable checkpoint fetches certified blocks. */
class StateTransferClusterTest {
  private static final NodeId NODE3 = NodeId.of("node-3");

  @Test
  void laggingReplicaCatchesUpByStateTransfer() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 5, 4));
    cluster.submit(120);
    cluster.deliverAll(Cluster.isolating(NODE3), java.util.function.Function.identity());
    Node lagging = cluster.node(3);
    assertThat(lagging.height()).isZero();
    assertThat(cluster.node(0).height()).isEqualTo(12);

    // node-3 is back; new traffic makes checkpoint 15 stable, which it learns of and fetches.
    cluster.submit(50);
    cluster.deliverAll();

    assertThat(lagging.metrics.count("pbft.state_transfer.completed")).isPositive();
    assertThat(lagging.height()).isGreaterThanOrEqualTo(15);
    List<Hash> reference = cluster.node(0).finalChain().stream().map(Block::id).toList();
    List<Block> caughtUp = lagging.finalChain();
    assertThat(caughtUp.stream().map(Block::id).toList())
        .isEqualTo(reference.subList(0, caughtUp.size()));
    // Blocks that arrived by state transfer carry their commit certificate as the seal.
    assertThat(caughtUp.get(0).header().sealLength()).isPositive();
    assertThat(lagging.engine.stableCheckpoint().seq()).isEqualTo(15);
    ClusterAssertions.assertNoHandlerErrors(cluster);
  }

  @Test
  void stateResponseWithAnInsufficientCertificateIsNotExecuted() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 5, 4));
    cluster.submit(10);
    cluster.deliverAll(Cluster.isolating(NODE3), java.util.function.Function.identity());
    Node source = cluster.node(0);
    Block block = source.chain.canonicalAt(1).orElseThrow();
    CommitCertificate full = new ReplicaStore(source.store).certificate(1).orElseThrow();
    CommitCertificate thin =
        new CommitCertificate(
            full.view(), full.seq(), full.digest(), full.signatures().subList(0, 2));

    Node lagging = cluster.node(3);
    byte[] response =
        Signed.sign(
                new StateResponse(List.of(block.withSeal(thin.encode()))), source.id, source.key)
            .encode();
    lagging.engine.onMessage(source.id, response);
    assertThat(lagging.height()).isZero();
    assertThat(lagging.metrics.count("pbft.dropped", "reason=bad-certificate")).isEqualTo(1);

    byte[] good =
        Signed.sign(
                new StateResponse(List.of(block.withSeal(full.encode()))), source.id, source.key)
            .encode();
    lagging.engine.onMessage(source.id, good);
    assertThat(lagging.height()).isEqualTo(1);
    assertThat(lagging.chain.finalizedHead().id()).isEqualTo(block.id());
  }
}
