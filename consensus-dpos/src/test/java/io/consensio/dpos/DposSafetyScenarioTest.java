package io.consensio.dpos;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.Block;
import io.consensio.api.types.NodeId;
import io.consensio.dpos.schedule.RoundState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Irreversibility under a partition, and the penalty for double production. */
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

  @Test
  @SuppressWarnings("unchecked")
  void aDoubleProducerLosesItsDepositAndLeavesTheScheduleAtTheNextRound() {
    Equivocator[] byzantine = new Equivocator[1];
    DposCluster[] holder = new DposCluster[1];
    List<NodeId> peers = List.of(DposCluster.id(1), DposCluster.id(2), DposCluster.id(3));
    DposCluster cluster =
        new DposCluster(
            4,
            2,
            DposCluster.section(21),
            Map.of(0, 7_000L, 1, 7_000L),
            i ->
                messenger -> {
                  if (i != 0) {
                    return messenger;
                  }
                  byzantine[0] =
                      new Equivocator(
                          messenger, DposCluster.key0ForTest(), () -> holder[0].chain(0), peers);
                  return byzantine[0];
                });
    holder[0] = cluster;
    PublicKey cheater = cluster.key(0).publicKey();
    cluster.runUntil(15_250);

    assertThat(byzantine[0].doubleProductions()).isPositive();
    for (int i = 1; i < cluster.size(); i++) {
      Map<String, Object> details = cluster.status(i).details();
      assertThat((List<Object>) details.get("forfeited")).containsExactly("node-00");
      assertThat((Map<Object, Object>) details.get("forfeitedDeposits"))
          .containsEntry("node-00", 7_000L);
      assertThat((List<Object>) details.get("schedule")).doesNotContain("node-00").hasSize(3);
      assertThat(cluster.chain(i).finalizedHead()).isEqualTo(cluster.chain(1).finalizedHead());
    }
    // Removed from the round after the one whose blocks carried the proof, never back.
    List<RoundState> rounds = DposCluster.rounds(cluster.canonical(1));
    int firstWithout = -1;
    for (int r = 0; r < rounds.size(); r++) {
      if (rounds.get(r).forfeited().contains(cheater)) {
        firstWithout = firstWithout < 0 ? r : firstWithout;
        assertThat(rounds.get(r).schedule()).doesNotContain(cheater);
      } else {
        assertThat(rounds.get(r).schedule()).contains(cheater);
      }
    }
    assertThat(firstWithout).isPositive();
    long removedFrom = rounds.get(firstWithout).startSlot();
    for (Block block : cluster.canonical(1)) {
      if (DposCluster.slotOf(block) >= removedFrom) {
        assertThat(block.header().proposer()).isNotEqualTo(cheater);
      }
    }
    assertThat(cluster.metrics(1).counterTotal("dpos.evidence.detected")).isPositive();
  }
}
