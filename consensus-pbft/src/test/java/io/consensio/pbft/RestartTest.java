package io.consensio.pbft;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.primitives.Bytes;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.pbft.harness.Cluster;
import io.consensio.pbft.harness.Cluster.Envelope;
import io.consensio.pbft.harness.Cluster.Node;
import io.consensio.pbft.messages.Commit;
import io.consensio.pbft.messages.MessageCodec;
import io.consensio.pbft.messages.MessageType;
import io.consensio.pbft.messages.PbftMessage;
import io.consensio.pbft.messages.PrePrepare;
import io.consensio.pbft.messages.Prepare;
import io.consensio.pbft.messages.PreparedProof;
import io.consensio.pbft.messages.Signed;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
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

  private static boolean isViewZeroCommit(Envelope e) {
    return MessageCodec.decode(e.payload()).message() instanceof Commit c && c.view() == 0;
  }

  private static boolean isPrePrepareOrPrepare(Envelope e) {
    PbftMessage m = MessageCodec.decode(e.payload()).message();
    return m instanceof PrePrepare || m instanceof Prepare;
  }

  /** Orders one block in view 0 up to prepared everywhere, with every COMMIT lost. */
  private static Block preparedEverywhereButExecutedNowhere(Cluster cluster, Transaction tx) {
    cluster.deliverAll(RestartTest::isViewZeroCommit, Function.identity());
    Hash digest =
        new ReplicaStore(cluster.node(1).store)
            .prePrepares().stream().filter(pp -> pp.seq() == 1).findFirst().orElseThrow().digest();
    Block proposed = cluster.node(1).chain.block(digest).orElseThrow();
    assertThat(proposed.transactions()).containsExactly(tx);
    for (Node node : cluster.nodes()) {
      assertThat(node.height()).as("nothing executed on %s", node.id).isZero();
    }
    return proposed;
  }

  /** True when a value under {@code pbft/} in the replica's store holds these bytes. */
  private static boolean pbftStoreHolds(Node node, byte[] bytes) {
    boolean[] found = {false};
    node.store.scan(
        "pbft/".getBytes(StandardCharsets.US_ASCII),
        (k, v) -> found[0] |= Bytes.indexOf(v, bytes) >= 0);
    return found[0];
  }

  @Test
  void replicaRestartedWithAPreparedSlotCommitsTheBlockItsLedgerHolds() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 50, 4));
    Transaction tx = cluster.submit(1).get(0);
    Block proposed = preparedEverywhereButExecutedNowhere(cluster, tx);
    Node backup = cluster.node(1);
    assertThat(pbftStoreHolds(backup, tx.encode()))
        .as("the PBFT log names the block; only the ledger stores its body")
        .isFalse();
    assertThat(pbftStoreHolds(backup, proposed.id().toBytes())).isTrue();

    cluster.crash(1);
    cluster.restart(1);
    // No PRE-PREPARE or PREPARE reaches it again: it must commit from what it restored.
    cluster.run(3_000, 100, RestartTest::isPrePrepareOrPrepare);

    assertThat(backup.metrics.count("pbft.restore.missing_body")).isZero();
    for (Node node : cluster.nodes()) {
      assertThat(node.finalChain()).extracting(Block::id).containsExactly(proposed.id());
    }
    ClusterAssertions.assertNoHandlerErrors(cluster);
  }

  @Test
  void preparedBlockIsReproposedByANewPrimaryWhoseCertificatesWereRestoredFromTheStore() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 50, 4));
    Transaction tx = cluster.submit(1).get(0);
    Block proposed = preparedEverywhereButExecutedNowhere(cluster, tx);
    for (int i = 1; i <= 3; i++) {
      cluster.crash(i);
      cluster.restart(i);
    }

    // The old primary is cut off and view 0 never commits: only a view change can finish the
    // block, and node-1, primary of view 1, knows it prepared only through its restored log.
    Predicate<Envelope> isolated = Cluster.isolating(NodeId.of("node-0"));
    cluster.run(10_000, 100, isolated.or(RestartTest::isViewZeroCommit));

    for (int i = 1; i <= 3; i++) {
      Node node = cluster.node(i);
      assertThat(node.metrics.count("pbft.view_changes.installed")).isPositive();
      assertThat(node.metrics.count("pbft.restore.missing_body")).isZero();
      assertThat(node.finalChain())
          .as("height 1 on %s is the block prepared before the restart", node.id)
          .first()
          .extracting(Block::id)
          .isEqualTo(proposed.id());
    }
    ClusterAssertions.assertNoConflictingCommits(cluster.nodes());
    ClusterAssertions.assertNoHandlerErrors(cluster);
  }

  @Test
  void aStoredCertificateThatDoesNotVerifyIsDroppedOnRestartSoTheReplicaStillHelpsViewChanges() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 50, 4));
    Transaction tx = cluster.submit(1).get(0);
    Block proposed = preparedEverywhereButExecutedNowhere(cluster, tx);
    Node node1 = cluster.node(1);
    // node-1's certificate for seq 1 with node-2's prepare signed by node-3's key: what a
    // certificate stored under another wire format (or a damaged record) looks like.
    Signed<Prepare> own = Signed.sign(new Prepare(0, 1, proposed.id()), node1.id, node1.signer);
    Signed<Prepare> notNode2s =
        new Signed<>(
            new Prepare(0, 1, proposed.id()),
            cluster.node(2).id,
            Signed.sign(
                    new Prepare(0, 1, proposed.id()), cluster.node(2).id, cluster.node(3).signer)
                .signature());
    ReplicaStore store1 = new ReplicaStore(node1.store);
    store1.savePrepared(new PreparedProof(0, 1, proposed.header(), List.of(own, notNode2s)));
    store1.sync();

    cluster.crash(1);
    cluster.restart(1);
    cluster.run(
        3_000, 100, Cluster.isolating(NodeId.of("node-0")).or(RestartTest::isViewZeroCommit));

    for (int i = 1; i <= 3; i++) {
      Node node = cluster.node(i);
      assertThat(node.finalChain()).extracting(Block::id).containsExactly(proposed.id());
      assertThat(node.metrics.count("pbft.dropped", "reason=bad-prepared-proof")).isZero();
    }
    assertThat(node1.metrics.count("pbft.restore.invalid_prepared")).isEqualTo(1);
    ClusterAssertions.assertNoHandlerErrors(cluster);
  }
}
