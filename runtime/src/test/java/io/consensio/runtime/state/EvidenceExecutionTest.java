package io.consensio.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.Account;
import io.consensio.api.ledger.EvidenceJudge;
import io.consensio.api.ledger.EvidenceVerdict;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Evidence transactions: the ledger asks the consensus module's judge, and punishes exactly the
 * offender it names — deposit forfeited, stake slashed and the rest forced to unbond, the key
 * barred for good, the reporter paid a share — or refuses the transaction without side effects.
 */
class EvidenceExecutionTest {
  private static final long HEIGHT = 10;
  private static final LedgerRules RULES =
      new LedgerRules(0, 100, 5, 50, 1000, 1 << 20, 1000, 50, 10, true);

  private final Ed25519KeyPair reporter = TestKeys.key(1);
  private final Ed25519KeyPair offender = TestKeys.key(2);
  private final Ed25519KeyPair voter = TestKeys.key(3);
  private final PublicKey proposer = TestKeys.key(9).publicKey();

  /** A judge that names the key written in the proof's first 32 bytes when the rest says "yes". */
  private static final EvidenceJudge KEY_IN_PROOF =
      (proof, state, height, verifier) -> {
        if (proof.length != PublicKey.SIZE + 1 || proof[PublicKey.SIZE] != 1) {
          return EvidenceVerdict.rejected("not-proven");
        }
        byte[] key = new byte[PublicKey.SIZE];
        System.arraycopy(proof, 0, key, 0, key.length);
        return EvidenceVerdict.guilty(PublicKey.wrap(key));
      };

  private PersistentLedgerState state = initial();

  private PersistentLedgerState initial() {
    StateEditor editor = PersistentLedgerState.empty("test").edit();
    editor.putAccount(reporter.publicKey(), new Account(1000, 0, 0, 0, 0));
    editor.putAccount(offender.publicKey(), new Account(300, 0, 1000, 200, 12));
    editor.putAccount(voter.publicKey(), new Account(50, 0, 0, 0, 0));
    editor.putCandidate(offender.publicKey(), 400);
    editor.putVote(voter.publicKey(), List.of(offender.publicKey()));
    return editor.finish(Hash.ZERO, HEIGHT - 1);
  }

  private Optional<String> apply(EvidenceJudge judge, Transaction tx) {
    TransactionExecutor executor = new TransactionExecutor(RULES, judge, Ed25519Verifier.INSTANCE);
    StateEditor editor = state.edit();
    Optional<String> result = executor.apply(editor, tx, HEIGHT, proposer);
    state = editor.finish(Hash.ZERO, HEIGHT);
    return result;
  }

  private static byte[] proofAgainst(PublicKey key, boolean holds) {
    byte[] proof = new byte[PublicKey.SIZE + 1];
    System.arraycopy(key.toBytes(), 0, proof, 0, PublicKey.SIZE);
    proof[PublicKey.SIZE] = (byte) (holds ? 1 : 0);
    return proof;
  }

  private Transaction report(long nonce, byte[] proof) {
    return Transaction.sign(reporter, nonce, 2, new TxPayload.Evidence(proof));
  }

  @Test
  void provenMisbehaviourForfeitsTheDepositSlashesStakeAndPaysTheReporter() {
    assertThat(apply(KEY_IN_PROOF, report(0, proofAgainst(offender.publicKey(), true)))).isEmpty();

    // deposit 400 + half of stake 1000 + half of unbonding 200 = 1000 confiscated; 10% to reporter
    assertThat(state.candidates()).doesNotContainKey(offender.publicKey());
    assertThat(state.account(offender.publicKey()))
        .isEqualTo(new Account(300, 0, 0, 100 + 500, HEIGHT + RULES.unbondingPeriodBlocks()));
    assertThat(state.stakes()).doesNotContainKey(offender.publicKey());
    assertThat(state.isSlashed(offender.publicKey())).isTrue();
    assertThat(state.slashed()).containsEntry(offender.publicKey(), HEIGHT);
    assertThat(state.balance(reporter.publicKey())).isEqualTo(1000 - 2 + 100);
    assertThat(state.balance(proposer)).isEqualTo(2);
    // the vote that named the offender no longer names an unregistered candidate
    assertThat(state.votes()).doesNotContainKey(voter.publicKey());
  }

  @Test
  void aProofTheJudgeRejectsChangesNothing() {
    Hash before = state.stateRoot();

    assertThat(apply(KEY_IN_PROOF, report(0, proofAgainst(offender.publicKey(), false))))
        .contains(TransactionExecutor.BAD_EVIDENCE);

    assertThat(state.stateRoot()).isEqualTo(before);
    assertThat(state.isSlashed(offender.publicKey())).isFalse();
  }

  @Test
  void aModuleWithoutSlashingRejectsEveryProof() {
    assertThat(apply(EvidenceJudge.NONE, report(0, proofAgainst(offender.publicKey(), true))))
        .contains(TransactionExecutor.BAD_EVIDENCE);
  }

  @Test
  void aJudgeThatThrowsIsARejectionNotACrash() {
    EvidenceJudge broken =
        (proof, s, h, v) -> {
          throw new IllegalStateException("bug in a module");
        };

    assertThat(apply(broken, report(0, proofAgainst(offender.publicKey(), true))))
        .contains(TransactionExecutor.BAD_EVIDENCE);
  }

  @Test
  void oneOffenceIsPunishedOnce() {
    apply(KEY_IN_PROOF, report(0, proofAgainst(offender.publicKey(), true)));
    Hash afterFirst = state.stateRoot();

    assertThat(apply(KEY_IN_PROOF, report(1, proofAgainst(offender.publicKey(), true))))
        .contains(TransactionExecutor.ALREADY_SLASHED);
    assertThat(state.stateRoot()).isEqualTo(afterFirst);
  }

  @Test
  void aSlashedKeyCanNeitherStakeNorRegisterAgain() {
    apply(KEY_IN_PROOF, report(0, proofAgainst(offender.publicKey(), true)));

    assertThat(apply(KEY_IN_PROOF, Transaction.sign(offender, 0, 0, new TxPayload.Stake(100))))
        .contains(TransactionExecutor.SLASHED);
    assertThat(
            apply(
                KEY_IN_PROOF,
                Transaction.sign(offender, 0, 0, new TxPayload.RegisterCandidate(100))))
        .contains(TransactionExecutor.SLASHED);
  }

  @Test
  void theSlashedSetIsPartOfTheStateRootAndSurvivesASnapshot() {
    Hash before = state.stateRoot();
    apply(KEY_IN_PROOF, report(0, proofAgainst(offender.publicKey(), true)));

    PersistentLedgerState decoded =
        StateCodec.decode(StateCodec.encode(state), state.blockId(), state.height());

    assertThat(state.stateRoot()).isNotEqualTo(before);
    assertThat(decoded.stateRoot()).isEqualTo(state.stateRoot());
    assertThat(decoded.slashed()).isEqualTo(state.slashed());
  }

  @Test
  void percentagesRoundDownWithoutOverflow() {
    assertThat(TransactionExecutor.percentOf(Long.MAX_VALUE, 100)).isEqualTo(Long.MAX_VALUE);
    assertThat(TransactionExecutor.percentOf(Long.MAX_VALUE, 50)).isEqualTo(Long.MAX_VALUE / 2);
    assertThat(TransactionExecutor.percentOf(199, 50)).isEqualTo(99);
    assertThat(TransactionExecutor.percentOf(0, 10)).isZero();
  }
}
