package io.consensio.dpos;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.Block;
import io.consensio.api.types.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Irreversibility under a partition. */
class DposSafetyScenarioTest {
  @Test
  void aMinorityForkNeverPassesTheLibAndIsAbandonedAfterTheHeal() {
    DposCluster cluster = new DposCluster(4, DposCluster.section(21));
    cluster.runUntil(5_250);
    Block libAtCut = cluster.chain(0).finalizedHead();
    assertThat(libAtCut.height()).isPositive();
    List<NodeId> majority = List.of(DposCluster.id(1), DposCluster.id(2), DposCluster.id(3));
    cluster.partition(Map.of("minority", List.of(DposCluster.id(0)), "majority", majority));
    cluster.runUntil(15_250);

    // One delegate of four confirms nothing alone: no block made during the cut becomes final on
    // the minority (its LIB may still catch up with confirmations received before the cut).
    assertThat(cluster.chain(0).finalizedHead().header().timestampMillis()).isLessThan(5_250);
    assertThat(cluster.chain(1).finalizedHead().height()).isGreaterThan(libAtCut.height());
    List<Block> minorityBlocks = new ArrayList<>();
    for (Block block : cluster.canonical(0)) {
      if (block.header().timestampMillis() > 5_250) {
        minorityBlocks.add(block);
        assertThat(block.header().proposer()).isEqualTo(cluster.key(0).publicKey());
      }
    }
    assertThat(minorityBlocks).as("the minority kept producing on its fork").isNotEmpty();

    cluster.heal();
    cluster.runUntil(25_250);
    for (int i = 0; i < cluster.size(); i++) {
      assertThat(cluster.chain(i).isCanonical(libAtCut.id())).isTrue();
      assertThat(cluster.chain(i).finalizedHead()).isEqualTo(cluster.chain(1).finalizedHead());
      for (Block abandoned : minorityBlocks) {
        assertThat(cluster.chain(i).isCanonical(abandoned.id())).isFalse();
      }
    }
    assertThat(cluster.metrics(0).counterTotal("dpos.fork.switched")).isPositive();
  }
}
