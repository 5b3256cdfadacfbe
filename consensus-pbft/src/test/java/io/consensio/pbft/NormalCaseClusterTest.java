package io.consensio.pbft;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import io.consensio.pbft.harness.Cluster;
import io.consensio.pbft.harness.Cluster.Node;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** OSDI'99 §4.2 end to end: every replica executes the same blocks in the same order. */
class NormalCaseClusterTest {

  private static void assertAllFinalChainsEqual(Cluster cluster, long expectedHeight) {
    List<Hash> reference = cluster.node(0).finalChain().stream().map(Block::id).toList();
    assertThat(reference).hasSize((int) expectedHeight);
    for (Node node : cluster.nodes()) {
      assertThat(node.finalChain().stream().map(Block::id).toList())
          .as("final chain of %s", node.id)
          .isEqualTo(reference);
      assertThat(node.metrics.count("pbft.handler.errors")).isZero();
    }
  }

  @Test
  void normalCaseCommitsOnAllFourReplicasWithSeveralSequenceNumbersInFlight() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 50, 4));
    List<Transaction> txs = cluster.submit(35); // maxBatchTxs 10 -> 4 blocks

    // Before any message is delivered the primary has already pre-prepared 4 sequence numbers.
    assertThat(cluster.node(0).metrics.count("pbft.blocks.proposed")).isEqualTo(4);
    cluster.deliverAll();

    assertAllFinalChainsEqual(cluster, 4);
    Set<Hash> executed =
        cluster.node(2).finalChain().stream()
            .flatMap(b -> b.transactions().stream())
            .map(Transaction::id)
            .collect(Collectors.toSet());
    assertThat(executed)
        .containsExactlyInAnyOrderElementsOf(txs.stream().map(Transaction::id).toList());
    for (Node node : cluster.nodes()) {
      assertThat(node.mempool.size()).isZero();
      Block last = node.chain.finalizedHead();
      CommitCertificate certificate =
          new ReplicaStore(node.store).certificate(last.height()).orElseThrow();
      assertThat(
              certificate
                  .verify(last, new Quorum(cluster.membership, 1), Ed25519Verifier.INSTANCE)
                  .valid())
          .isTrue();
    }
  }

  @Test
  void normalCaseCommitsOnSevenReplicas() {
    Cluster cluster = new Cluster(7, Cluster.config(7, 50, 3));
    assertThat(cluster.config.f()).isEqualTo(2);
    cluster.submit(45);
    cluster.deliverAll();
    assertAllFinalChainsEqual(cluster, 5);
  }

  @Test
  void blocksArriveInSequenceOrderEvenWhenMessagesAreDeliveredInReverse() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 50, 4));
    cluster.submit(40);
    // Deliver newest-first until the queue drains: pre-prepare n+1 reaches backups before n.
    while (!cluster.queue().isEmpty()) {
      cluster.deliver(cluster.queue().pollLast());
    }
    assertAllFinalChainsEqual(cluster, 4);
  }
}
