package io.consensio.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.Transaction;
import org.junit.jupiter.api.Test;

class ReplicationTest {

  @Test
  void aLeaderIsElectedAndItsCommittedBlocksBecomeFinalOnEveryNode() {
    RaftCluster c = RaftCluster.of(3, 1).start();
    RaftNode leader = c.awaitLeader(2_000);
    for (int i = 0; i < 5; i++) {
      c.submit(leader.id.value(), RaftCluster.tx(i));
    }
    c.advance(200);
    for (RaftNode n : c.nodes()) {
      assertThat(n.chain.finalizedHead().id()).isEqualTo(leader.chain.finalizedHead().id());
      assertThat(n.chain.finalizedHead().height()).isGreaterThanOrEqualTo(1);
      assertThat(n.chain.findTransaction(RaftCluster.tx(4).id())).isPresent();
    }
    assertThat(c.unsyncedSends).isZero();
  }

  @Test
  void aFollowerForwardsTransactionsToTheLeaderWhichCommitsThem() {
    RaftCluster c = RaftCluster.of(3, 2).start();
    RaftNode leader = c.awaitLeader(2_000);
    RaftNode follower = c.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
    Transaction tx = RaftCluster.tx(7);
    c.submit(follower.id.value(), tx);
    c.advance(200);
    assertThat(follower.chain.findTransaction(tx.id()))
        .hasValueSatisfying(l -> assertThat(l.isFinal()).isTrue());
    assertThat(leader.chain.findTransaction(tx.id())).isPresent();
    assertThat(follower.metrics.total("raft.forwarded.txs")).isEqualTo(1);
  }

  @Test
  void everyBlockExtendsTheBlockOfThePreviousBlockEntry() {
    RaftCluster c = RaftCluster.of(3, 3).start();
    RaftNode leader = c.awaitLeader(2_000);
    for (int i = 0; i < 20; i++) {
      c.submit(leader.id.value(), RaftCluster.tx(i));
      c.advance(5);
    }
    c.advance(300);
    RaftNode any = c.node("n2");
    long height = any.chain.finalizedHead().height();
    assertThat(height).isGreaterThanOrEqualTo(2);
    for (long h = 1; h <= height; h++) {
      assertThat(any.chain.canonicalAt(h).orElseThrow().parent())
          .isEqualTo(any.chain.canonicalAt(h - 1).orElseThrow().id());
    }
  }
}
