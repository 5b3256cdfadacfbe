package io.consensio.pbft;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.pbft.harness.Cluster;
import io.consensio.pbft.harness.Cluster.Envelope;
import io.consensio.pbft.harness.Cluster.Node;
import io.consensio.pbft.messages.MessageCodec;
import io.consensio.pbft.messages.MessageType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** OSDI'99 §4.3: checkpoints, stability at 2f+1, garbage collection and the water marks. */
class CheckpointClusterTest {

  private static boolean isCheckpoint(Envelope e) {
    return MessageCodec.decode(e.payload()).message().type() == MessageType.CHECKPOINT;
  }

  @Test
  void checkpointBecomesStableAndLogIsTruncated() {
    // K = 5, L = 10: twelve blocks make checkpoints 5 and 10 stable.
    Cluster cluster = new Cluster(4, Cluster.config(4, 5, 4));
    cluster.submit(120);
    cluster.deliverAll();

    for (Node node : cluster.nodes()) {
      assertThat(node.height()).isEqualTo(12);
      StableCheckpoint stable = node.engine.stableCheckpoint();
      assertThat(stable.seq()).isEqualTo(10);
      assertThat(stable.blockId()).isEqualTo(node.chain.canonicalAt(10).orElseThrow().id());
      assertThat(stable.stateRoot())
          .isEqualTo(node.chain.canonicalAt(10).orElseThrow().header().stateRoot());
      assertThat(stable.proof()).hasSizeGreaterThanOrEqualTo(3);
      assertThat(node.engine.loggedSeqs()).as("only 11 and 12 remain in the log").isEqualTo(2);
      assertThat(node.engine.status().details()).containsEntry("lowWatermark", 10L);
      assertThat(new ReplicaStore(node.store).prePrepares())
          .allSatisfy(pp -> assertThat(pp.seq()).isGreaterThan(10));
    }
    ClusterAssertions.assertNoHandlerErrors(cluster);
  }

  @Test
  void primaryAtTheHighWatermarkWaitsUntilTheCheckpointIsStable() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 5, 20));
    cluster.submit(200);
    List<Envelope> heldCheckpoints = new ArrayList<>();
    cluster.deliverAll(
        e -> {
          if (isCheckpoint(e)) {
            heldCheckpoints.add(e);
            return true;
          }
          return false;
        },
        Function.identity());

    // h = 0 and H = L = 10: nothing beyond 10 may be proposed while no checkpoint is stable.
    assertThat(cluster.node(0).metrics.count("pbft.blocks.proposed")).isEqualTo(10);
    cluster.nodes().forEach(n -> assertThat(n.height()).isEqualTo(10));

    heldCheckpoints.forEach(cluster::deliver);
    cluster.deliverAll();
    cluster.nodes().forEach(n -> assertThat(n.height()).isEqualTo(20));
  }

  @Test
  void checkpointSignedByFewerThanTwoFPlusOneReplicasDoesNotBecomeStable() {
    Cluster cluster = new Cluster(4, Cluster.config(4, 5, 4));
    cluster.submit(50);
    // Only node-0's checkpoints arrive anywhere: 1 signer plus the receiver's own is below 2f+1.
    cluster.deliverAll(
        e -> isCheckpoint(e) && !e.from().value().equals("node-0"), Function.identity());
    for (Node node : cluster.nodes()) {
      assertThat(node.height()).isEqualTo(5);
      assertThat(node.engine.stableCheckpoint().seq()).isZero();
    }
  }
}
