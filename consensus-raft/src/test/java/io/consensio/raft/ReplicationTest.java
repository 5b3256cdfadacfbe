package io.consensio.raft;

import static io.consensio.raft.RaftCluster.from;
import static io.consensio.raft.RaftCluster.ofType;
import static io.consensio.raft.RaftCluster.to;
import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.Transaction;
import io.consensio.raft.RaftEngine.Role;
import io.consensio.raft.messages.RaftMessage.AppendEntries;
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

  @Test
  void aDeposedLeaderGivesItsUncommittedTransactionsBackAndTheyCommitUnderTheNextLeader() {
    RaftCluster c = RaftCluster.of(3, 4).start();
    RaftNode old = c.awaitLeader(2_000);
    c.isolate(old.id.value());
    Transaction tx = RaftCluster.tx(42);
    c.submit(old.id.value(), tx);
    assertThat(old.mempool().inFlightCount()).isEqualTo(1);
    c.advance(400); // check-quorum deposes the isolated leader; the others elect a new one
    assertThat(old.engine().role()).isEqualTo(Role.FOLLOWER);
    assertThat(old.mempool().readyCount()).as("given back to the mempool").isEqualTo(1);
    RaftNode next = c.awaitLeader(2_000);
    assertThat(next).isNotSameAs(old);
    c.heal();
    c.advance(500);
    assertThat(old.engine().role()).isEqualTo(Role.FOLLOWER);
    for (RaftNode n : c.nodes()) {
      assertThat(n.chain.findTransaction(tx.id()))
          .as("%s has the transaction final", n.id)
          .hasValueSatisfying(l -> assertThat(l.isFinal()).isTrue());
    }
  }

  @Test
  void pipelinedAppendsToASlowFollowerStayWithinTheInflightWindow() {
    var cfg = RaftCluster.config();
    cfg.put("maxInflightAppends", 2);
    cfg.put("maxBatchTxs", 1);
    RaftCluster c = RaftCluster.of(3, 5, cfg).start();
    RaftNode leader = c.awaitLeader(2_000);
    String slow = c.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow().id.value();
    c.autoDeliver = false;
    for (int i = 0; i < 10; i++) {
      c.submit(leader.id.value(), RaftCluster.tx(i));
    }
    // Everyone else answers; the slow follower receives nothing yet.
    c.deliverWhere(to(slow).negate().and(from(slow).negate()));
    long unacknowledgedAppends =
        c.pending().stream()
            .filter(to(slow).and(ofType(AppendEntries.class)))
            .filter(e -> !((AppendEntries) e.message()).entries().isEmpty())
            .count();
    assertThat(unacknowledgedAppends).isBetween(1L, 2L);
    c.autoDeliver = true;
    c.advance(500);
    assertThat(c.node(slow).chain.finalizedHead().id())
        .isEqualTo(leader.chain.finalizedHead().id());
    assertThat(leader.chain.finalizedHead().height()).isEqualTo(10);
  }

  /**
   * Thesis §10.2.1: "the leader can write to its disk in parallel with replicating to the
   * followers", counting itself only once its write is durable. Here its power fails at that sync:
   * the followers already hold the entry, the leader restarts without it, and the next leader
   * commits it like any entry it finds in its log; no node loses or duplicates it.
   */
  @Test
  void aLeaderSendsItsEntriesBeforeItsOwnSyncAndAPowerFailureThereLosesNothingCommitted() {
    RaftCluster c = RaftCluster.of(3, 6).start();
    RaftNode leader = c.awaitLeader(2_000);
    c.autoDeliver = false;
    Transaction tx = RaftCluster.tx(9);
    leader.store.failAtNextSync();
    c.submit(leader.id.value(), tx);

    assertThat(leader.isUp()).as("lost power at the sync of its append").isFalse();
    assertThat(
            c.pending().stream()
                .filter(from(leader.id.value()).and(ofType(AppendEntries.class)))
                .filter(
                    e ->
                        ((AppendEntries) e.message())
                            .entries().stream()
                                .anyMatch(
                                    x ->
                                        x.block()
                                            .map(b -> b.transactions().contains(tx))
                                            .orElse(false))))
        .as("the block went to both followers before the leader's write was durable")
        .hasSize(2);
    assertThat(c.leaderSendsBeforeSync).isPositive();
    assertThat(c.unsyncedSends).isZero();

    c.autoDeliver = true;
    c.deliverAll();
    leader.restart();
    RaftNode next = c.awaitLeader(3_000);
    c.advance(500);
    assertThat(next).isNotSameAs(leader);
    for (RaftNode n : c.nodes()) {
      assertThat(n.chain.findTransaction(tx.id()))
          .as("%s has the transaction final", n.id)
          .hasValueSatisfying(l -> assertThat(l.isFinal()).isTrue());
      assertThat(n.chain.finalizedHead().id()).isEqualTo(next.chain.finalizedHead().id());
    }
    assertThat(next.chain.finalizedHead().height()).isEqualTo(1);
  }
}
