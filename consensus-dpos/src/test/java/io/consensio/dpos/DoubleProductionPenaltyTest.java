package io.consensio.dpos;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.dpos.evidence.DoubleProduction;
import io.consensio.dpos.schedule.RoundState;
import io.consensio.dpos.seal.DposSeal;
import io.consensio.runtime.state.LedgerRules;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The penalty for double production, end to end: a delegate signs two blocks for its slots and
 * sends them to different peers; the peers detect it, a delegate reports the proof in a {@code
 * TxPayload.Evidence} transaction, and every node's ledger — judging with {@link
 * io.consensio.dpos.evidence.DoubleProductionJudge} — forfeits the deposit, removes the candidacy
 * and slashes the key, so the next round is elected without it. Forged and repeated evidence is
 * refused by the ledger.
 */
class DoubleProductionPenaltyTest {
  private static final long DEPOSIT = 7_000;

  @Test
  void aDoubleProducerLosesItsDepositOnEveryHonestNodeAndLeavesAtTheNextRound() {
    Scenario s = new Scenario();
    PublicKey cheater = s.cluster.key(0).publicKey();
    assertThat(s.byzantine[0].doubleProductions()).isPositive();

    Block evidenceBlock = s.evidenceBlock(1, cheater).orElseThrow();
    PublicKey reporter = evidenceBlock.header().proposer();
    LedgerRules rules = LedgerRules.DEFAULTS;
    long reward = DEPOSIT * rules.reporterRewardPercent() / 100;
    for (int i = 1; i < s.cluster.size(); i++) {
      ChainStore chain = s.cluster.chain(i);
      assertThat(chain.isCanonical(evidenceBlock.id())).isTrue();
      assertThat(chain.finalizedHead().height())
          .as("node %d holds the proof as final", i)
          .isGreaterThanOrEqualTo(evidenceBlock.height());
      for (LedgerState state :
          List.of(chain.headState(), chain.stateAt(chain.finalizedHead().id()).orElseThrow())) {
        assertThat(state.isSlashed(cheater)).isTrue();
        assertThat(state.candidates()).doesNotContainKey(cheater).containsEntry(key(s, 1), DEPOSIT);
        assertThat(state.balance(cheater))
            .as("the deposit is gone, not returned to the balance")
            .isEqualTo(DposCluster.NODE_BALANCE);
        assertThat(state.balance(reporter)).isEqualTo(DposCluster.NODE_BALANCE + reward);
      }
      assertThat(s.cluster.status(i).details().get("slashed"))
          .isEqualTo(Map.of("node-00", evidenceBlock.height()));
      assertThat(chain.finalizedHead()).isEqualTo(s.cluster.chain(1).finalizedHead());
    }

    // In the schedule up to the round in which the proof landed, out from the next one on.
    List<RoundState> rounds = DposCluster.rounds(s.cluster.canonical(1));
    long evidenceSlot = DposCluster.slotOf(evidenceBlock);
    RoundState without = null;
    for (RoundState round : rounds) {
      if (round.startSlot() <= evidenceSlot) {
        assertThat(round.schedule()).contains(cheater);
      } else {
        assertThat(round.schedule()).doesNotContain(cheater).hasSize(3);
        without = without == null ? round : without;
      }
    }
    assertThat(without).as("a round began after the proof").isNotNull();
    for (Block block : s.cluster.canonical(1)) {
      if (DposCluster.slotOf(block) >= without.startSlot()) {
        assertThat(block.header().proposer()).isNotEqualTo(cheater);
      }
    }
  }

  @Test
  void theLedgerRefusesRepeatedAndForgedEvidence() {
    Scenario s = new Scenario();
    PublicKey cheater = s.cluster.key(0).publicKey();
    Block evidenceBlock = s.evidenceBlock(1, cheater).orElseThrow();
    byte[] proof = evidenceOf(evidenceBlock, cheater).orElseThrow();

    // Repeat: the same proof again, from a client.
    Transaction repeat = Transaction.sign(s.cluster.client(0), 0, 1, new TxPayload.Evidence(proof));
    // Forged: node-01 framed with a second "seal" signed by someone else.
    PublicKey framed = key(s, 1);
    Hash x = Hash.sha256(new byte[] {1});
    Hash y = Hash.sha256(new byte[] {2});
    DoubleProduction forgedProof =
        DoubleProduction.of(
            framed,
            3,
            new DoubleProduction.SignedSlot(
                x, Hash.ZERO, s.cluster.key(1).sign(DposSeal.signingBytes(x, 3, Hash.ZERO))),
            new DoubleProduction.SignedSlot(
                y, Hash.ZERO, s.cluster.key(2).sign(DposSeal.signingBytes(y, 3, Hash.ZERO))));
    Transaction forged =
        Transaction.sign(s.cluster.client(1), 0, 1, new TxPayload.Evidence(forgedProof.encode()));

    // Control: a genuine proof against node-02 (it did sign both) from the same client would go in.
    DoubleProduction genuineProof =
        DoubleProduction.of(
            key(s, 2),
            3,
            new DoubleProduction.SignedSlot(
                x, Hash.ZERO, s.cluster.key(2).sign(DposSeal.signingBytes(x, 3, Hash.ZERO))),
            new DoubleProduction.SignedSlot(
                y, Hash.ZERO, s.cluster.key(2).sign(DposSeal.signingBytes(y, 3, Hash.ZERO))));
    Transaction genuine =
        Transaction.sign(s.cluster.client(1), 0, 1, new TxPayload.Evidence(genuineProof.encode()));

    for (int i = 1; i < s.cluster.size(); i++) {
      ChainStore chain = s.cluster.chain(i);
      Block head = chain.head();
      long time = head.header().timestampMillis() + 500;
      assertThat(chain.buildBlock(head.id(), List.of(repeat, forged), time, framed).transactions())
          .as("node %d's ledger executes neither", i)
          .isEmpty();
      assertThat(chain.buildBlock(head.id(), List.of(genuine), time, framed).transactions())
          .containsExactly(genuine);
    }
    s.cluster.submit(1, repeat);
    s.cluster.submit(2, forged);
    s.cluster.runUntil(25_250);
    for (int i = 1; i < s.cluster.size(); i++) {
      ChainStore chain = s.cluster.chain(i);
      assertThat(chain.findTransaction(repeat.id())).isEmpty();
      assertThat(chain.findTransaction(forged.id())).isEmpty();
      LedgerState state = chain.headState();
      assertThat(state.slashed()).containsOnlyKeys(cheater);
      assertThat(state.candidates()).containsEntry(framed, DEPOSIT);
      assertThat(state.balance(s.cluster.client(0).publicKey()))
          .isEqualTo(DposCluster.CLIENT_BALANCE);
    }
    assertThat(s.cluster.status(1).details().get("schedule"))
        .asList()
        .contains("node-01")
        .doesNotContain("node-00");
  }

  private static PublicKey key(Scenario s, int i) {
    return s.cluster.key(i).publicKey();
  }

  /** The proof in an evidence transaction of {@code block} that accuses {@code accused}. */
  private static Optional<byte[]> evidenceOf(Block block, PublicKey accused) {
    for (Transaction tx : block.transactions()) {
      if (tx.payload() instanceof TxPayload.Evidence e
          && DoubleProduction.decode(e.proof()).producer().equals(accused)) {
        return Optional.of(e.proof());
      }
    }
    return Optional.empty();
  }

  /** Four delegates, node-00 and node-01 candidates with deposits, node-00 double-producing. */
  private static final class Scenario {
    final Equivocator[] byzantine = new Equivocator[1];
    final DposCluster cluster;

    Scenario() {
      DposCluster[] holder = new DposCluster[1];
      List<NodeId> peers = List.of(DposCluster.id(1), DposCluster.id(2), DposCluster.id(3));
      cluster =
          new DposCluster(
              4,
              2,
              DposCluster.section(21),
              Map.of(0, DEPOSIT, 1, DEPOSIT),
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
      cluster.runUntil(15_250);
    }

    /** The canonical block of node {@code i} holding the proof against {@code accused}. */
    Optional<Block> evidenceBlock(int i, PublicKey accused) {
      for (Block block : cluster.canonical(i)) {
        if (evidenceOf(block, accused).isPresent()) {
          return Optional.of(block);
        }
      }
      return Optional.empty();
    }
  }
}
