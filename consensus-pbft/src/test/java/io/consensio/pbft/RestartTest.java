package io.consensio.pbft;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.Block;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.harness.Cluster;
import io.consensio.pbft.harness.Cluster.Node;
import io.consensio.pbft.messages.MessageCodec;
import io.consensio.pbft.messages.MessageType;
import io.consensio.pbft.messages.PrePrepare;
import io.consensio.pbft.messages.Signed;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Persistence: a replica restarted from its synced store does not contradict itself. */
class RestartTest {

  @Test
  void restartedReplicaDoesNotPrepareAConflictingBlockForTheSameSequenceNumber() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 50, 4));
    Node primary = cluster.node(0);
    Node backup = cluster.node(1);
    Block first =
        primary.chain.buildBlock(
            primary.chain.genesis().id(),
            List.of(cluster.nextTx()),
            5_000,
            primary.key.publicKey());
    Block second =
        primary.chain.buildBlock(
            primary.chain.genesis().id(),
            List.of(cluster.nextTx()),
            5_001,
            primary.key.publicKey());
    backup.engine.onMessage(
        primary.id,
        Signed.sign(new PrePrepare(0, 1, first.id(), first), primary.id, primary.key).encode());
    assertThat(cluster.queue()).hasSize(3);
    cluster.queue().clear();

    cluster.crash(1);
    cluster.restart(1);
    backup.engine.onMessage(
        primary.id,
        Signed.sign(new PrePrepare(0, 1, second.id(), second), primary.id, primary.key).encode());

    assertThat(cluster.queue()).as("no prepare for the second block").isEmpty();
    assertThat(backup.metrics.count("pbft.dropped", "reason=conflicting-pre-prepare")).isEqualTo(1);
  }

  @Test
  void replicaRestartedDuringAViewChangeResumesItInTheSameView() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 50, 4));
    cluster.submit(3);
    cluster.run(1_000, 100, Cluster.isolating(NodeId.of("node-0"), NodeId.of("node-1")));
    Node node2 = cluster.node(2);
    assertThat(node2.engine.status().role()).isEqualTo("view-changing");
    cluster.queue().clear();

    cluster.crash(2);
    cluster.restart(2);
    assertThat(node2.engine.status().round()).isEqualTo(1);
    assertThat(node2.engine.status().role()).isEqualTo("view-changing");
    assertThat(cluster.queue())
        .as("it re-sends its VIEW-CHANGE for view 1")
        .anySatisfy(
            e ->
                assertThat(MessageCodec.decode(e.payload()).message().type())
                    .isEqualTo(MessageType.VIEW_CHANGE));
  }

  @Test
  void restartedReplicaKeepsExecutingWhereItStopped() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 5, 4));
    cluster.submit(70);
    cluster.deliverAll();
    cluster.crash(2);
    cluster.restart(2);
    Node node2 = cluster.node(2);
    assertThat(node2.engine.stableCheckpoint().seq()).isEqualTo(5);
    cluster.submit(30);
    cluster.deliverAll();
    cluster.nodes().forEach(n -> assertThat(n.height()).isEqualTo(10));
    ClusterAssertions.assertNoConflictingCommits(cluster.nodes());
  }
}
