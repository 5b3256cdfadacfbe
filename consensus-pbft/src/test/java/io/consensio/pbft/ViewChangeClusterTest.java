package io.consensio.pbft;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** OSDI'99 §4.4 and §4.5.2: view changes preserve what committed and restore progress. */
class ViewChangeClusterTest {
  static final NodeId NODE0 = NodeId.of("node-0");

  static MessageType typeOf(Envelope e) {
    return MessageCodec.decode(e.payload()).message().type();
  }

  static Predicate<Envelope> ofType(MessageType type) {
    return e -> typeOf(e) == type;
  }

  /**
   * The COMMIT messages of view 0 stay lost: without this, normal-case retransmission would let the
   * third block commit in view 0 and the view change would have nothing prepared to carry over.
   */
  static Predicate<Envelope> commitsOfViewZero() {
    return e -> messageOf(e) instanceof Commit c && c.view() == 0;
  }

  /** Commits two blocks in view 0, then gets a third prepared everywhere but committed nowhere. */
  static Block commitTwoThenPrepareAThird(Cluster cluster) {
    cluster.submit(20);
    cluster.deliverAll();
    cluster.nodes().forEach(n -> assertThat(n.height()).isEqualTo(2));
    cluster.submit(10);
    cluster.deliverAll(ofType(MessageType.COMMIT), Function.identity());
    Block prepared = cluster.node(1).chain.block(proposedAt(cluster, 3)).orElseThrow();
    cluster.nodes().forEach(n -> assertThat(n.height()).isEqualTo(2));
    return prepared;
  }

  private static Hash proposedAt(Cluster cluster, long seq) {
    return new ReplicaStore(cluster.node(1).store)
        .prePrepares().stream().filter(pp -> pp.seq() == seq).findFirst().orElseThrow().digest();
  }

  @Test
  void silentPrimaryTriggersViewChangeAndProgressResumesInViewOneWithNothingCommittedLost() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 50, 4));
    Block prepared = commitTwoThenPrepareAThird(cluster);
    List<Hash> committedBefore = cluster.node(1).finalChain().stream().map(Block::id).toList();

    // node-0 falls silent; the backups' request timers expire (pending transactions).
    Predicate<Envelope> silent = Cluster.isolating(NODE0).or(commitsOfViewZero());
    cluster.run(1_000, 100, silent);

    List<Node> backups = cluster.nodes().subList(1, 4);
    for (Node n : backups) {
      assertThat(n.engine.status().round()).isEqualTo(1);
      assertThat(n.engine.status().role()).isNotEqualTo("view-changing");
      assertThat(n.engine.status().leader()).contains(NodeId.of("node-1"));
      List<Block> chain = n.finalChain();
      assertThat(chain.stream().map(Block::id).limit(2).toList()).isEqualTo(committedBefore);
      assertThat(chain.get(2).id())
          .as("the prepared block is re-proposed")
          .isEqualTo(prepared.id());
      assertThat(n.metrics.count("pbft.view_changes.installed")).isEqualTo(1);
    }

    // Progress in view 1.
    List<Transaction> more = cluster.submit(15);
    cluster.run(500, 100, silent);
    for (Node n : backups) {
      assertThat(n.height()).isEqualTo(5);
      Set<Hash> executed =
          n.finalChain().stream()
              .flatMap(b -> b.transactions().stream())
              .map(Transaction::id)
              .collect(Collectors.toSet());
      assertThat(executed).containsAll(more.stream().map(Transaction::id).toList());
      assertThat(n.mempool.size()).isZero();
    }
    ClusterAssertions.assertNoConflictingCommits(backups);
    ClusterAssertions.assertNoHandlerErrors(cluster);
  }

  @Test
  void primaryThatNeverProposesIsReplacedAndTheNewPrimaryOrdersThePendingTransactions() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 50, 4));
    Predicate<Envelope> silent = Cluster.isolating(NODE0);
    List<Transaction> txs = cluster.submit(5);
    cluster.run(1_500, 100, silent);
    for (Node n : cluster.nodes().subList(1, 4)) {
      assertThat(n.engine.status().round()).isEqualTo(1);
      assertThat(n.finalChain().get(0).transactions()).containsExactlyElementsOf(txs);
    }
  }

  @Test
  void viewChangeMessagesAreRetransmittedUntilANewViewArrives() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 50, 4));
    // node-0 and node-1 (primaries of views 0 and 1) are cut off: node-2 and node-3 start a view
    // change to view 1 but two view-change messages are no quorum.
    Predicate<Envelope> cut = Cluster.isolating(NODE0, NodeId.of("node-1"));
    cluster.submit(5);
    cluster.run(1_000, 100, cut);
    Node node2 = cluster.node(2);
    assertThat(node2.engine.status().round()).isEqualTo(1);
    assertThat(node2.engine.status().role()).isEqualTo("view-changing");
    cluster.run(3_000, 100, cut);
    assertThat(node2.engine.status().round()).as("no quorum, no view-change timer").isEqualTo(1);

    // node-1 comes back (node-0 stays silent): the retransmitted VIEW-CHANGE messages reach it.
    cluster.run(2_000, 100, Cluster.isolating(NODE0));
    for (Node n : cluster.nodes().subList(1, 4)) {
      assertThat(n.engine.status().round()).isEqualTo(1);
      assertThat(n.engine.status().role()).isIn("primary", "backup");
      assertThat(n.height()).isEqualTo(1);
    }
  }

  @Test
  void viewChangeTimeoutDoublesOnSuccessiveViewChangesWithoutProgress() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 50, 4));
    // node-0 is silent; node-1 and node-2 send everything except their NEW-VIEW messages, so
    // views 1 and 2 fail; node-3 is primary of view 3.
    Predicate<Envelope> faults =
        e ->
            e.from().equals(NODE0)
                || e.to().equals(NODE0)
                || (typeOf(e) == MessageType.NEW_VIEW && !e.from().value().equals("node-3"));
    Node node3 = cluster.node(3);
    cluster.submit(5);
    cluster.run(1_000, 100, faults); // request timers expire: view change to 1 (timeout T)
    assertThat(node3.engine.status().round()).isEqualTo(1);
    cluster.run(1_000, 100, faults); // T elapses without NEW-VIEW: view change to 2 (timeout 2T)
    assertThat(node3.engine.status().round()).isEqualTo(2);
    cluster.run(1_500, 100, faults);
    assertThat(node3.engine.status().round()).as("2T has not elapsed yet").isEqualTo(2);
    cluster.run(600, 100, faults);
    assertThat(node3.engine.status().round()).isEqualTo(3);
    assertThat(node3.engine.status().role()).isEqualTo("primary");
    cluster.run(500, 100, faults);
    for (Node n : cluster.nodes().subList(1, 4)) {
      assertThat(n.engine.status().round()).isEqualTo(3);
      assertThat(n.height()).isEqualTo(1);
    }
  }

  @Test
  void replicaJoinsAViewChangeThatFPlusOneOthersStarted() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 50, 4));
    // node-3 has no pending transaction (so no request timer), yet joins when 2 others move on.
    cluster.node(1).mempool.submit(cluster.nextTx());
    Transaction tx = cluster.nextTx();
    cluster.node(1).mempool.submit(tx);
    cluster.node(2).mempool.submit(tx);
    cluster.node(1).engine.onTransactionsAvailable();
    cluster.node(2).engine.onTransactionsAvailable();
    cluster.run(1_000, 100, Cluster.isolating(NODE0));
    assertThat(cluster.node(3).engine.status().round()).isEqualTo(1);
    assertThat(cluster.node(3).metrics.count("pbft.view_changes.started")).isEqualTo(1);
    assertThat(cluster.node(3).metrics.count("pbft.request_timer.expired")).isZero();
  }

  static PbftMessage messageOf(Envelope e) {
    return MessageCodec.decode(e.payload()).message();
  }
}
