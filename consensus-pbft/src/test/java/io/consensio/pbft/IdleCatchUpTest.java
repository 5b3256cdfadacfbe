package io.consensio.pbft;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.pbft.harness.Cluster;
import io.consensio.pbft.harness.Cluster.Node;
import io.consensio.pbft.messages.Checkpoint;
import io.consensio.pbft.messages.Signed;
import io.consensio.pbft.messages.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A replica that comes back while the group is idle catches up from its peers' periodic STATUS
 * (TOCS'02 §5.2, §6.2), with no new request to carry the news.
 */
class IdleCatchUpTest {

  /** Runs with node-3 down while {@code txs} transactions execute, then restarts it, idle. */
  private static Cluster runWithoutNode3ThenRestartIt(int txs) {
    Cluster cluster = new Cluster(4, Cluster.config(4, 5, 4));
    cluster.crash(3);
    cluster.submit(txs);
    cluster.deliverAll();
    cluster.restart(3);
    return cluster;
  }

  private static List<Hash> ids(Node node) {
    return node.finalChain().stream().map(Block::id).toList();
  }

  private static long proposedBy(Node node) {
    return node.metrics.count("pbft.blocks.proposed");
  }

  @Test
  void replicaRestartedBelowTheHighWaterMarkCatchesUpWithoutNewRequests() {
    Cluster cluster = runWithoutNode3ThenRestartIt(70);
    Node primary = cluster.node(0);
    Node node3 = cluster.node(3);
    assertThat(primary.height()).isEqualTo(7);
    assertThat(node3.height()).isZero();
    long proposed = proposedBy(primary);

    cluster.run(3_000, 100, e -> false);

    assertThat(proposedBy(primary)).as("no new block was proposed").isEqualTo(proposed);
    assertThat(ids(node3)).isEqualTo(ids(primary));
    assertThat(node3.engine.stableCheckpoint().seq()).isEqualTo(5);
    ClusterAssertions.assertNoHandlerErrors(cluster);
  }

  @Test
  void replicaRestartedBeyondItsHighWaterMarkAdoptsTheProvenCheckpointAndCatchesUp() {
    // K = 5, L = 10: the others reach 17 blocks, checkpoint 15 stable, above node-3's H = 10.
    Cluster cluster = runWithoutNode3ThenRestartIt(170);
    Node primary = cluster.node(0);
    Node node3 = cluster.node(3);
    assertThat(primary.height()).isEqualTo(17);
    assertThat(primary.engine.stableCheckpoint().seq()).isEqualTo(15);
    long proposed = proposedBy(primary);

    cluster.run(3_000, 100, e -> false);

    assertThat(proposedBy(primary)).as("no new block was proposed").isEqualTo(proposed);
    assertThat(node3.engine.stableCheckpoint().seq()).isEqualTo(15);
    assertThat(ids(node3)).isEqualTo(ids(primary));
    assertThat(node3.metrics.count("pbft.state_transfer.completed")).isPositive();
    ClusterAssertions.assertNoHandlerErrors(cluster);
  }

  @Test
  void statusWithAForgedCheckpointProofIsDroppedAndAdoptsNothing() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 5, 4));
    Node node1 = cluster.node(1);
    Block genesis = node1.chain.genesis();
    // node-2 claims checkpoint 15 with a "proof" it signed alone three times over.
    Checkpoint claim = new Checkpoint(15, genesis.id(), genesis.header().stateRoot());
    Signed<Checkpoint> own = Signed.sign(claim, cluster.node(2).id, cluster.node(2).key);
    byte[] status =
        Signed.sign(
                new Status(0, 15, 15, List.of(own, own, own)), own.sender(), cluster.node(2).key)
            .encode();

    node1.engine.onMessage(own.sender(), status);

    assertThat(node1.metrics.count("pbft.dropped", "reason=bad-checkpoint-proof")).isEqualTo(1);
    assertThat(node1.engine.stableCheckpoint().seq()).isZero();
    ClusterAssertions.assertNoHandlerErrors(cluster);
  }
}
