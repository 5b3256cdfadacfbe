package io.consensio.pos;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.ledger.ImportResult;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.pos.chain.ChainRules;
import io.consensio.pos.finality.Checkpoint;
import io.consensio.pos.finality.Vote;
import io.consensio.pos.seal.PosSeal;
import io.consensio.pos.slashing.Evidence;
import io.consensio.pos.slashing.PosEvidenceJudge;
import io.consensio.runtime.ledger.Genesis;
import io.consensio.runtime.state.LedgerRules;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Slashing through the ledger's first-class evidence transaction, judged by {@link
 * PosEvidenceJudge}, with genesis rules that confiscate half of an offender's stake and pay the
 * reporter a fifth of that: a proven offender loses its stake at once and leaves the validator set,
 * the reporter is paid, and forged or repeated evidence is refused by every node's ledger.
 */
class LedgerSlashingTest {
  private static final int SLASH_PERCENT = 50;
  private static final int REPORTER_PERCENT = 20;

  private final Ed25519KeyPair alice = PosLedgerHarness.key(1);
  private final Ed25519KeyPair bob = PosLedgerHarness.key(2);
  private final Ed25519KeyPair carol = PosLedgerHarness.key(3);
  private final Ed25519KeyPair dave = PosLedgerHarness.key(4);
  private final PosLedgerHarness h =
      new PosLedgerHarness(
          new LedgerRules(
              0, 1, 5, 1, 10_000, 4 * 1024 * 1024, 15_000, SLASH_PERCENT, REPORTER_PERCENT, true),
          List.of(
              new Genesis.GenesisAccount(alice.publicKey(), 1_000_000, 1_000),
              new Genesis.GenesisAccount(bob.publicKey(), 1_000_000, 1_000),
              new Genesis.GenesisAccount(carol.publicKey(), 1_000_000, 1_000),
              new Genesis.GenesisAccount(dave.publicKey(), 1_000_000, 0)),
          List.of(alice, bob, carol, dave),
          new PosEvidenceJudge());

  private static Evidence doubleProposal(Ed25519KeyPair signer, Ed25519KeyPair claimed, long slot) {
    Hash first = Hash.sha256(new byte[] {1});
    Hash second = Hash.sha256(new byte[] {2});
    return new Evidence.DoubleProposal(
        claimed.publicKey(),
        slot,
        first,
        claimed.sign(PosSeal.blockSigningBytes(first, slot)),
        second,
        signer.sign(PosSeal.blockSigningBytes(second, slot)));
  }

  private static Transaction report(Ed25519KeyPair reporter, long nonce, Evidence evidence) {
    return Transaction.sign(reporter, nonce, 0, new TxPayload.Evidence(evidence.encode()));
  }

  @Test
  void aProvenDoubleProposalConfiscatesStakePaysTheReporterAndRemovesTheValidatorAtOnce() {
    h.produceUntilEpoch(1);
    LedgerState before = h.headState();
    Transaction report = report(dave, 0, doubleProposal(bob, bob, 3));
    Block block = h.produce(List.of(report));

    assertThat(block.transactions()).containsExactly(report);
    LedgerState after = h.stateAt(block);
    long confiscated = 1_000 * SLASH_PERCENT / 100;
    assertThat(after.isSlashed(bob.publicKey())).isTrue();
    assertThat(after.stake(bob.publicKey())).as("stake leaves the validator set").isZero();
    assertThat(after.account(bob.publicKey()).unbonding())
        .as("what was not confiscated is forced to unbond")
        .isEqualTo(1_000 - confiscated);
    assertThat(after.balance(dave.publicKey()) - before.balance(dave.publicKey()))
        .as("the reporter's reward")
        .isEqualTo(confiscated * REPORTER_PERCENT / 100);

    long nextSlot = h.info(block).slot() + 1;
    ChainRules.SlotContext sameEpochOrNext = h.rules.slotContext(h.info(block), nextSlot, after);
    assertThat(sameEpochOrNext.stakes())
        .as("the offender leaves the set from the next block on, even within the epoch")
        .containsOnlyKeys(alice.publicKey(), carol.publicKey());
    long epoch = h.config.epochOf(h.info(block).slot());
    for (Block later = h.produce(List.of());
        h.config.epochOf(h.info(later).slot()) <= epoch + 2;
        later = h.produce(List.of())) {
      assertThat(later.header().proposer()).isNotEqualTo(bob.publicKey());
      if (h.config.epochOf(h.info(later).slot()) > epoch) {
        assertThat(h.info(later).epochStakes()).doesNotContainKey(bob.publicKey());
      }
    }
    Transaction restake = Transaction.sign(bob, 0, 0, new TxPayload.Stake(10));
    assertThat(h.produce(List.of(restake)).transactions())
        .as("a slashed key can never stake again")
        .isEmpty();
  }

  @Test
  void conflictingFinalityVotesAreSlashable() {
    h.produceUntilEpoch(1);
    Checkpoint source = new Checkpoint(h.chain.genesis().id(), 0);
    Checkpoint target = new Checkpoint(Hash.sha256(new byte[] {5}), 2);
    Checkpoint otherTarget = new Checkpoint(Hash.sha256(new byte[] {6}), 2);
    Vote first =
        new Vote(carol.publicKey(), source, target, carol.sign(Vote.signingBytes(source, target)));
    Vote second =
        new Vote(
            carol.publicKey(),
            source,
            otherTarget,
            carol.sign(Vote.signingBytes(source, otherTarget)));
    Block block = h.produce(List.of(report(dave, 0, new Evidence.ConflictingVotes(first, second))));
    assertThat(block.transactions()).hasSize(1);
    assertThat(h.stateAt(block).isSlashed(carol.publicKey())).isTrue();
    assertThat(h.stateAt(block).stakes()).doesNotContainKey(carol.publicKey());
  }

  @Test
  void forgedEvidenceAndEvidenceAgainstANonValidatorAreRefused() {
    h.produceUntilEpoch(1);
    Transaction forged = report(dave, 0, doubleProposal(carol, bob, 3));
    Transaction againstNobody = report(alice, 0, doubleProposal(dave, dave, 3));
    assertThat(h.produce(List.of(forged, againstNobody)).transactions())
        .as("a proposer's ledger leaves refused evidence out")
        .isEmpty();

    for (Transaction bad : List.of(forged, againstNobody)) {
      ImportResult result = h.chain.importBlock(h.forceBlock(List.of(bad)));
      assertThat(result.isAccepted()).as("a block carrying it is invalid").isFalse();
      assertThat(result.reason()).contains("bad-evidence");
    }
    assertThat(h.headState().slashed()).isEmpty();
    assertThat(h.headState().stakes()).containsKey(bob.publicKey());
  }

  @Test
  void aSecondReportOfASlashedValidatorIsRefused() {
    h.produceUntilEpoch(1);
    h.produce(List.of(report(dave, 0, doubleProposal(bob, bob, 3))));
    LedgerState slashed = h.headState();
    Transaction again = report(carol, 0, doubleProposal(bob, bob, 9));
    assertThat(h.produce(List.of(again)).transactions()).isEmpty();
    ImportResult result = h.chain.importBlock(h.forceBlock(List.of(again)));
    assertThat(result.isAccepted()).isFalse();
    assertThat(result.reason()).contains("already-slashed");
    // Block rewards are 0 in this genesis and no fee is paid, so only a reward could move it.
    assertThat(h.headState().balance(carol.publicKey()))
        .as("no second reward")
        .isEqualTo(slashed.balance(carol.publicKey()));
  }
}
