package io.consensio.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InProcessClusterTest {
  @Test
  void aRaftClusterCommitsEveryTransactionOnEveryNode() throws Exception {
    try (InProcessCluster cluster = InProcessCluster.start("raft", 3, 4, 1, false)) {
      ClusterNode entry = cluster.entryNode(30_000);
      assertThat(entry.status().role()).isEqualTo("leader");
      try (ConsensioTarget target = new ConsensioTarget(entry)) {
        TransactionFactory factory = new TransactionFactory(cluster.clientKeys(), 64, false, 2);
        List<Transaction> transactions = factory.next(200);
        target.load(transactions);
        FinalBlockCounter counter = new FinalBlockCounter();
        counter.reset();

        long heightBefore = target.finalHeight();
        LoadResult result = new ClosedLoopDriver(50).run(target, 200, 60);
        long heightAfter = target.finalHeight();
        counter.countBetween(heightBefore, heightAfter);

        assertThat(result.committed()).isEqualTo(200);
        assertThat(result.failed()).isZero();
        // the counted blocks are exactly the final blocks above the height before the run, and
        // they hold every transaction of the run
        assertThat(counter.blocks).isEqualTo(heightAfter - heightBefore).isPositive();
        assertThat(entry.finalizedHeight()).isGreaterThanOrEqualTo(heightAfter);
        Set<Hash> finalIds = new HashSet<>();
        for (long h = heightBefore + 1; h <= heightAfter; h++) {
          long height = h;
          finalIds.addAll(
              entry
                  .onLoop(c -> c.chain().canonicalAt(height).orElseThrow().transactions())
                  .get(10, TimeUnit.SECONDS)
                  .stream()
                  .map(Transaction::id)
                  .toList());
        }
        assertThat(finalIds).containsAll(transactions.stream().map(Transaction::id).toList());
      }
      long finalHeight = entry.finalizedHeight();
      for (ClusterNode node : cluster.nodes()) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (node.finalizedHeight() < finalHeight && System.currentTimeMillis() < deadline) {
          Thread.sleep(20);
        }
        assertThat(node.finalizedHeight())
            .as(node.id().value())
            .isGreaterThanOrEqualTo(finalHeight);
      }
    }
  }

  @Test
  void signedTransactionsVerifyAndOpaqueOnesCarryNoSignature() {
    try (InProcessCluster cluster = InProcessCluster.start("raft", 1, 3, 5, true)) {
      List<Transaction> signed = new TransactionFactory(cluster.clientKeys(), 256, true, 1).next(6);
      List<Transaction> opaque =
          new TransactionFactory(cluster.clientKeys(), 256, false, 1).next(6);

      assertThat(signed).allMatch(tx -> tx.hasValidSignature(Ed25519Verifier.INSTANCE));
      assertThat(opaque).noneMatch(tx -> tx.hasValidSignature(Ed25519Verifier.INSTANCE));
      Map<Object, Long> nextNonce = new HashMap<>();
      for (Transaction tx : signed) {
        long expected = nextNonce.getOrDefault(tx.sender(), 0L);
        assertThat(tx.nonce()).isEqualTo(expected);
        nextNonce.put(tx.sender(), expected + 1);
      }
      assertThat(nextNonce).hasSize(3);
    }
  }
}
