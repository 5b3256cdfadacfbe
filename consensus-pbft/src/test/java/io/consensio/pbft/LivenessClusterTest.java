package io.consensio.pbft;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.harness.Cluster;
import io.consensio.pbft.harness.Cluster.Envelope;
import io.consensio.pbft.harness.Cluster.Node;
import io.consensio.pbft.messages.MessageType;
import io.consensio.pbft.messages.Prepare;
import io.consensio.pbft.messages.Signed;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Liveness under message loss (TOCS'02 §5.2): retransmission, fetching certified blocks a replica
 * missed, and buffering normal-case messages for a view not yet entered.
 */
class LivenessClusterTest {
  private static final NodeId NODE0 = NodeId.of("node-0");
  private static final NodeId NODE3 = NodeId.of("node-3");

  private static Predicate<Envelope> ofType(MessageType type) {
    return ViewChangeClusterTest.ofType(type);
  }

  @Test
  void lostPreparesAreRetransmittedAndTheBlockCommitsWithoutAViewChange() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 50, 4));
    cluster.submit(10);
    cluster.deliverAll(ofType(MessageType.PREPARE), Function.identity());
    cluster.nodes().forEach(n -> assertThat(n.height()).isZero());

    // One retransmission tick (requestTimeout / 4) later, with the network healthy again.
    cluster.run(300, 100, e -> false);

    List<Block> reference = cluster.node(0).finalChain();
    assertThat(reference).hasSize(1);
    for (Node n : cluster.nodes()) {
      assertThat(n.finalChain()).isEqualTo(reference);
      assertThat(n.metrics.count("pbft.view_changes.started")).isZero();
    }
    assertThat(cluster.node(1).metrics.count("pbft.retransmitted.slots")).isPositive();
    ClusterAssertions.assertNoHandlerErrors(cluster);
  }

  @Test
  void aReplicaThatMissedTheCommitsCatchesUpByFetchingTheCertifiedBlock() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 50, 4));
    cluster.submit(10);
    // node-3 hears node-2's COMMIT only: 2 of the 3 it needs; the others commit and stop sending.
    cluster.deliverAll(
        e ->
            e.to().equals(NODE3)
                && !e.from().value().equals("node-2")
                && ViewChangeClusterTest.typeOf(e) == MessageType.COMMIT,
        Function.identity());
    Node lagging = cluster.node(3);
    assertThat(lagging.height()).isZero();
    assertThat(cluster.node(0).height()).isEqualTo(1);

    // No checkpoint is due (K = 50) and no view change starts: the stall is noticed on a tick.
    cluster.run(600, 100, e -> false);

    assertThat(lagging.height()).isEqualTo(1);
    Block fetched = lagging.chain.finalizedHead();
    assertThat(fetched.id()).isEqualTo(cluster.node(0).chain.finalizedHead().id());
    CommitCertificate stored = new ReplicaStore(lagging.store).certificate(1).orElseThrow();
    assertThat(
            stored
                .verify(fetched, new Quorum(cluster.membership, 1), Ed25519Verifier.INSTANCE)
                .valid())
        .as("the fetched block was executed with a valid commit certificate")
        .isTrue();
    assertThat(lagging.metrics.count("pbft.state_transfer.completed")).isEqualTo(1);
    assertThat(lagging.metrics.count("pbft.view_changes.started")).isZero();
    ClusterAssertions.assertNoHandlerErrors(cluster);
  }

  @Test
  void prePreparesForTheNextViewAreBufferedAndReplayedAfterNewView() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 50, 4));
    List<Envelope> heldNewViews = new ArrayList<>();
    // node-0 is silent, so the backups move to view 1; node-3 does not get node-1's NEW-VIEW yet.
    Predicate<Envelope> faults =
        e -> {
          if (e.from().equals(NODE0) || e.to().equals(NODE0)) {
            return true;
          }
          if (e.to().equals(NODE3) && ViewChangeClusterTest.typeOf(e) == MessageType.NEW_VIEW) {
            heldNewViews.add(e);
            return true;
          }
          return false;
        };
    cluster.submit(5);
    // Request timers expire at 1 s; stop before node-3's view-change timer (another 1 s) does.
    cluster.run(1_500, 100, faults);

    Node node3 = cluster.node(3);
    assertThat(cluster.node(1).engine.status().role()).isEqualTo("primary");
    assertThat(node3.engine.status().role()).isEqualTo("view-changing");
    assertThat(node3.metrics.count("pbft.buffered", "type=pre-prepare")).isPositive();
    assertThat(node3.engine.bufferedForFutureViews()).isPositive();
    // Without node-3 the view-1 block cannot commit: node-1 and node-2 are only 2 of 3.
    assertThat(cluster.node(1).height()).isZero();

    // The NEW-VIEW arrives; no time passes, so no retransmission can help: only the replay does.
    cluster.deliver(heldNewViews.get(0));
    cluster.deliverAll(faults, Function.identity());

    assertThat(node3.metrics.count("pbft.replayed", "type=pre-prepare")).isPositive();
    assertThat(node3.engine.bufferedForFutureViews()).isZero();
    for (Node n : cluster.nodes().subList(1, 4)) {
      assertThat(n.engine.status().round()).isEqualTo(1);
      assertThat(n.height()).as("height of %s", n.id).isEqualTo(1);
    }
    ClusterAssertions.assertNoConflictingCommits(cluster.nodes().subList(1, 4));
    ClusterAssertions.assertNoHandlerErrors(cluster);
  }

  @Test
  void normalCaseMessagesForAViewAreBoundedPerSender() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 50, 2));
    Node node3 = cluster.node(3);
    Node faulty = cluster.node(1);
    // A replica floods prepares for a far-future view: only its quota (3 * maxInflight) is kept.
    for (long seq = 1; seq <= 20; seq++) {
      byte[] prepare =
          Signed.sign(new Prepare(1_000, seq, Hash.ZERO), faulty.id, faulty.key).encode();
      node3.engine.onMessage(faulty.id, prepare);
    }
    assertThat(node3.engine.bufferedForFutureViews()).isEqualTo(6);
    assertThat(node3.metrics.count("pbft.dropped", "reason=future-view-buffer-full")).isEqualTo(14);
    ClusterAssertions.assertNoHandlerErrors(cluster);
  }
}
