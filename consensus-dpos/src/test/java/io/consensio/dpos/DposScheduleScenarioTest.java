package io.consensio.dpos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.Block;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.dpos.schedule.RoundState;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The schedule: identical on every node, skipping crashed delegates, following the votes. */
class DposScheduleScenarioTest {
  @Test
  void everyNodeComputesTheSameScheduleAndEveryBlockComesFromItsSlotOwner() {
    DposCluster cluster = new DposCluster(4, DposCluster.section(21));
    cluster.runUntil(20_250); // mid-slot: every block of the last slot has arrived everywhere

    Object schedule = cluster.status(0).details().get("schedule");
    Object round = cluster.status(0).details().get("round");
    for (int i = 1; i < cluster.size(); i++) {
      assertThat(cluster.status(i).details().get("schedule")).isEqualTo(schedule);
      assertThat(cluster.status(i).details().get("round")).isEqualTo(round);
      assertThat(cluster.canonical(i)).isEqualTo(cluster.canonical(0));
    }
    List<Block> chain = cluster.canonical(0);
    List<RoundState> rounds = DposCluster.rounds(chain);
    assertThat(rounds).hasSizeGreaterThan(4);
    Set<List<PublicKey>> orders = new HashSet<>();
    for (RoundState r : rounds) {
      // Fewer candidates than N: the four genesis producers fill the schedule, in shuffled order.
      assertThat(r.schedule()).hasSize(4);
      orders.add(r.schedule());
    }
    assertThat(orders).as("the shuffle varies the order between rounds").hasSizeGreaterThan(1);
    RoundState current = null;
    for (Block block : chain.subList(1, chain.size())) {
      long slot = DposCluster.slotOf(block);
      current = rounds.stream().filter(r -> r.containsSlot(slot)).reduce((a, b) -> b).orElseThrow();
      assertThat(block.header().proposer()).isEqualTo(current.producerOf(slot));
    }
    assertThat(cluster.chain(0).finalizedHead().height()).isPositive();
  }

  @Test
  void aCrashedDelegatesSlotsAreSkippedAndItCatchesUpAfterRestart() {
    DposCluster cluster = new DposCluster(4, DposCluster.section(21));
    cluster.runUntil(5_000);
    long libBefore = cluster.chain(0).finalizedHead().height();
    cluster.crash(2);
    cluster.runUntil(15_000);

    PublicKey crashed = cluster.key(2).publicKey();
    List<Block> chain = cluster.canonical(0);
    for (Block block : chain) {
      long time = block.header().timestampMillis();
      if (time > 5_000 && time <= 15_000) {
        assertThat(block.header().proposer()).isNotEqualTo(crashed);
      }
    }
    assertThat(cluster.chain(0).finalizedHead().height())
        .as("three of four delegates still finalize")
        .isGreaterThan(libBefore);
    Map<?, ?> stats = (Map<?, ?>) cluster.status(0).details().get("delegateStats");
    Map<?, ?> crashedStats = (Map<?, ?>) stats.get("node-02");
    assertThat((Long) crashedStats.get("missed")).isPositive();
    Map<?, ?> healthyStats = (Map<?, ?>) stats.get("node-01");
    assertThat((Long) healthyStats.get("missed")).isZero();

    cluster.restart(2);
    cluster.runUntil(25_250);
    assertThat(cluster.chain(2).finalizedHead()).isEqualTo(cluster.chain(0).finalizedHead());
    assertThat(cluster.finalChain(2))
        .anySatisfy(
            b -> {
              assertThat(b.header().proposer()).isEqualTo(crashed);
              assertThat(b.header().timestampMillis()).isGreaterThan(15_000);
            });
  }

  @Test
  void aVoteMovesACandidateIntoTheScheduleAtTheNextRoundAndWithdrawingItMovesItOut() {
    // N = 3 of 4 nodes; node-03 is a registered candidate nobody approves yet.
    DposCluster cluster =
        new DposCluster(4, 2, DposCluster.section(3), Map.of(3, 5_000L), i -> m -> m);
    PublicKey candidate = cluster.key(3).publicKey();
    cluster.runUntil(3_000);
    assertThat(DposCluster.rounds(cluster.canonical(0)))
        .allSatisfy(r -> assertThat(r.schedule()).doesNotContain(candidate));

    cluster.submit(
        0, Transaction.sign(cluster.client(0), 0, 1, new TxPayload.Vote(List.of(candidate))));
    cluster.runUntil(9_000);
    long voteSlot = slotOfTransactionBlock(cluster, 0);
    cluster.submit(1, Transaction.sign(cluster.client(0), 1, 1, new TxPayload.Vote(List.of())));
    cluster.runUntil(16_250);
    long withdrawSlot = slotOfTransactionBlock(cluster, 1);

    List<RoundState> rounds = DposCluster.rounds(cluster.canonical(0));
    RoundState voteRound = roundContaining(rounds, voteSlot);
    RoundState withdrawRound = roundContaining(rounds, withdrawSlot);
    for (RoundState r : rounds) {
      boolean approved = r.round() > voteRound.round() && r.round() <= withdrawRound.round();
      if (approved) {
        // The approved candidate takes the first place; the genesis producers fill the rest.
        assertThat(r.schedule())
            .containsExactlyInAnyOrder(
                candidate, cluster.key(0).publicKey(), cluster.key(1).publicKey());
      } else {
        assertThat(r.schedule()).doesNotContain(candidate);
      }
    }
    assertThat(rounds).anySatisfy(r -> assertThat(r.round()).isGreaterThan(withdrawRound.round()));
    assertThat(rounds.stream().filter(r -> r.schedule().contains(candidate))).isNotEmpty();
  }

  @Test
  void twentyOneDelegatesByDefaultEachProduceOncePerRoundAndFifteenConfirmationsMakeALib() {
    DposCluster cluster = new DposCluster(21, JsonNodeFactory.instance.objectNode());
    cluster.runUntil(33_250); // slots 1..66: three rounds of 21 and a part of the fourth

    List<RoundState> rounds = DposCluster.rounds(cluster.canonical(0));
    assertThat(rounds).hasSize(4);
    Set<PublicKey> everyone = new HashSet<>();
    for (int i = 0; i < cluster.size(); i++) {
      everyone.add(cluster.key(i).publicKey());
    }
    List<Block> chain = cluster.canonical(0);
    for (RoundState round : rounds.subList(0, 3)) {
      assertThat(round.schedule()).hasSize(21).containsExactlyInAnyOrderElementsOf(everyone);
      List<PublicKey> producers = new java.util.ArrayList<>();
      for (Block block : chain) {
        if (round.containsSlot(DposCluster.slotOf(block))) {
          producers.add(block.header().proposer());
        }
      }
      assertThat(producers).as("round %d, no faults", round.round()).isEqualTo(round.schedule());
    }
    Object schedule = cluster.status(0).details().get("schedule");
    for (int i = 1; i < cluster.size(); i++) {
      assertThat(cluster.status(i).details().get("schedule")).isEqualTo(schedule);
      assertThat(cluster.chain(i).finalizedHead()).isEqualTo(cluster.chain(0).finalizedHead());
    }
    // 2/3 of 21 is 14: the LIB is the highest block that 15 distinct delegates have produced at
    // or above. With one block per slot and every slot filled, that is the head's 15th-newest
    // block when the newest 15 blocks have 15 producers, and lower when the round boundary (a new
    // shuffle) repeats a producer among them.
    Block head = cluster.chain(0).head();
    assertThat(head.height()).isEqualTo(66);
    long lib = highestBuiltOnBy(15, chain);
    assertThat(lib).isBetween(head.height() - 14 - 21, head.height() - 14);
    assertThat(cluster.chain(0).finalizedHead().height()).isEqualTo(lib);
  }

  /** The highest height at or above which {@code delegates} distinct producers made a block. */
  private static long highestBuiltOnBy(int delegates, List<Block> chain) {
    for (int from = chain.size() - 1; from >= 0; from--) {
      Set<PublicKey> producers = new HashSet<>();
      for (Block block : chain.subList(from, chain.size())) {
        producers.add(block.header().proposer());
      }
      if (producers.size() >= delegates) {
        return chain.get(from).height();
      }
    }
    throw new AssertionError("no block has " + delegates + " producers at or above it");
  }

  /** The slot of the block holding client 0's transaction with {@code nonce}. */
  private static long slotOfTransactionBlock(DposCluster cluster, long nonce) {
    for (Block block : cluster.canonical(0)) {
      for (Transaction tx : block.transactions()) {
        if (tx.sender().equals(cluster.client(0).publicKey()) && tx.nonce() == nonce) {
          return DposCluster.slotOf(block);
        }
      }
    }
    throw new AssertionError("transaction " + nonce + " is not on the chain");
  }

  private static RoundState roundContaining(List<RoundState> rounds, long slot) {
    return rounds.stream().filter(r -> r.containsSlot(slot)).reduce((a, b) -> b).orElseThrow();
  }
}
