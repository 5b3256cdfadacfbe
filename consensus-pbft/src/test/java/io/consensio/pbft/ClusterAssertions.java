package io.consensio.pbft;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.Block;
import io.consensio.pbft.harness.Cluster;
import io.consensio.pbft.harness.Cluster.Node;
import java.util.List;

/** Safety checks shared by the cluster tests. */
final class ClusterAssertions {
  private ClusterAssertions() {}

  /** No two of the given replicas executed different blocks at one sequence number (height). */
  static void assertNoConflictingCommits(List<Node> honest) {
    for (Node a : honest) {
      for (Node b : honest) {
        List<Block> ca = a.finalChain();
        List<Block> cb = b.finalChain();
        int common = Math.min(ca.size(), cb.size());
        for (int i = 0; i < common; i++) {
          assertThat(ca.get(i).id())
              .as("seq %d on %s and %s", i + 1, a.id, b.id)
              .isEqualTo(cb.get(i).id());
        }
      }
    }
  }

  static void assertNoHandlerErrors(Cluster cluster) {
    for (Node node : cluster.nodes()) {
      assertThat(node.metrics.count("pbft.handler.errors"))
          .as("handler errors on %s", node.id)
          .isZero();
    }
  }
}
