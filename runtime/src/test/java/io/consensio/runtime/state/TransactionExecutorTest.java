package io.consensio.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.Account;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransactionExecutorTest {
  private static final LedgerRules RULES = new LedgerRules(0, 100, 5, 50, 1000, 1 << 20, 1000);
  private static final long HEIGHT = 10;

  private final Ed25519KeyPair alice = TestKeys.key(1);
  private final Ed25519KeyPair bob = TestKeys.key(2);
  private final Ed25519KeyPair carol = TestKeys.key(3);
  private final PublicKey proposer = TestKeys.key(9).publicKey();
  private final TransactionExecutor executor = new TransactionExecutor(RULES);

  private PersistentLedgerState state = withBalances(1000, 500);

  private PersistentLedgerState withBalances(long aliceBalance, long bobBalance) {
    StateEditor editor = PersistentLedgerState.empty("test").edit();
    editor.putAccount(alice.publicKey(), new Account(aliceBalance, 0, 0, 0, 0));
    editor.putAccount(bob.publicKey(), new Account(bobBalance, 0, 0, 0, 0));
    return editor.finish(Hash.ZERO, HEIGHT - 1);
  }

  private Optional<String> apply(Transaction tx) {
    return apply(tx, proposer);
  }

  private Optional<String> apply(Transaction tx, PublicKey blockProposer) {
    StateEditor editor = state.edit();
    Optional<String> result = executor.apply(editor, tx, HEIGHT, blockProposer);
    state = editor.finish(Hash.ZERO, HEIGHT);
    return result;
  }

  private static Transaction tx(Ed25519KeyPair from, long nonce, long fee, TxPayload payload) {
    return Transaction.sign(from, nonce, fee, payload);
  }

  @Test
  void transferMovesTheAmountAndPaysTheFeeToTheProposer() {
    assertThat(apply(tx(alice, 0, 3, new TxPayload.Transfer(bob.publicKey(), 100)))).isEmpty();

    assertThat(state.account(alice.publicKey())).isEqualTo(new Account(897, 1, 0, 0, 0));
    assertThat(state.balance(bob.publicKey())).isEqualTo(600);
    assertThat(state.balance(proposer)).isEqualTo(3);
  }

  @Test
  void theSameTransactionTwiceFailsWithBadNonceAndChangesNothing() {
    Transaction transfer = tx(alice, 0, 1, new TxPayload.Transfer(bob.publicKey(), 10));
    apply(transfer);
    Hash rootAfterFirst = state.stateRoot();

    assertThat(apply(transfer)).contains(TransactionExecutor.BAD_NONCE);
    assertThat(state.stateRoot()).isEqualTo(rootAfterFirst);
    assertThat(state.balance(bob.publicKey())).isEqualTo(510);
  }

  @Test
  void aNonceFromTheFutureIsRejected() {
    assertThat(apply(tx(alice, 1, 0, new TxPayload.Transfer(bob.publicKey(), 10))))
        .contains(TransactionExecutor.BAD_NONCE);
  }

  @Test
  void spendingMoreThanTheBalanceIsRejectedWithoutSideEffects() {
    Hash before = state.stateRoot();

    assertThat(apply(tx(alice, 0, 1, new TxPayload.Transfer(bob.publicKey(), 1000))))
        .contains(TransactionExecutor.INSUFFICIENT_BALANCE);
    assertThat(state.stateRoot()).isEqualTo(before);
    assertThat(state.nonce(alice.publicKey())).isZero();
  }

  @Test
  void anAccountWithoutFundsCannotPayTheFee() {
    assertThat(apply(tx(carol, 0, 1, new TxPayload.KvPut(bytes("k"), bytes("v")))))
        .contains(TransactionExecutor.INSUFFICIENT_BALANCE);
  }

  @Test
  void theProposerPayingItselfKeepsItsFee() {
    assertThat(
            apply(
                tx(alice, 0, 40, new TxPayload.Transfer(bob.publicKey(), 100)), alice.publicKey()))
        .isEmpty();

    assertThat(state.balance(alice.publicKey())).isEqualTo(900);
  }

  @Test
  void aTransferToOneselfCostsOnlyTheFee() {
    assertThat(apply(tx(alice, 0, 5, new TxPayload.Transfer(alice.publicKey(), 300)))).isEmpty();

    assertThat(state.balance(alice.publicKey())).isEqualTo(995);
  }

  @Test
  void amountPlusFeeOverflowIsRejected() {
    assertThat(apply(tx(alice, 0, 1, new TxPayload.Transfer(bob.publicKey(), Long.MAX_VALUE))))
        .contains(TransactionExecutor.OVERFLOW);
  }

  @Test
  void aRecipientBalanceOverflowIsRejectedAndRolledBack() {
    state = withBalances(1000, Long.MAX_VALUE - 5);
    Hash before = state.stateRoot();

    assertThat(apply(tx(alice, 0, 0, new TxPayload.Transfer(bob.publicKey(), 6))))
        .contains(TransactionExecutor.OVERFLOW);
    assertThat(state.stateRoot()).isEqualTo(before);
    assertThat(state.balance(alice.publicKey())).isEqualTo(1000);
  }

  @Test
  void kvPutWritesInTheSendersOwnNamespace() {
    apply(tx(alice, 0, 1, new TxPayload.KvPut(bytes("color"), bytes("red"))));
    apply(tx(alice, 1, 1, new TxPayload.KvPut(bytes("color"), bytes("blue"))));

    assertThat(state.value(alice.publicKey(), bytes("color")))
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("blue")));
    assertThat(state.value(bob.publicKey(), bytes("color"))).isEmpty();
    assertThat(state.balance(proposer)).isEqualTo(2);
  }

  @Test
  void aFirstStakeBelowTheMinimumIsRejected() {
    assertThat(apply(tx(alice, 0, 0, new TxPayload.Stake(99))))
        .contains(TransactionExecutor.BELOW_MIN_STAKE);
  }

  @Test
  void stakeMovesBalanceToStakeAndJoinsTheValidatorSet() {
    apply(tx(alice, 0, 2, new TxPayload.Stake(100)));
    assertThat(apply(tx(alice, 1, 0, new TxPayload.Stake(5)))).isEmpty();

    assertThat(state.account(alice.publicKey())).isEqualTo(new Account(893, 2, 105, 0, 0));
    assertThat(state.stakes()).containsExactly(java.util.Map.entry(alice.publicKey(), 105L));
    assertThat(state.totalStake()).isEqualTo(105);
  }

  @Test
  void unstakeMovesStakeToUnbondingUntilTheReleaseHeight() {
    apply(tx(alice, 0, 0, new TxPayload.Stake(300)));

    assertThat(apply(tx(alice, 1, 1, new TxPayload.Unstake(200)))).isEmpty();

    assertThat(state.account(alice.publicKey()))
        .isEqualTo(new Account(699, 2, 100, 200, HEIGHT + RULES.unbondingPeriodBlocks()));
    assertThat(state.totalStake()).isEqualTo(100);
  }

  @Test
  void unstakingMoreThanTheStakeIsRejected() {
    apply(tx(alice, 0, 0, new TxPayload.Stake(300)));

    assertThat(apply(tx(alice, 1, 0, new TxPayload.Unstake(301))))
        .contains(TransactionExecutor.INSUFFICIENT_STAKE);
  }

  @Test
  void anUnstakeMayNotLeaveAStakeBelowTheMinimum() {
    apply(tx(alice, 0, 0, new TxPayload.Stake(300)));

    assertThat(apply(tx(alice, 1, 0, new TxPayload.Unstake(250))))
        .contains(TransactionExecutor.BELOW_MIN_STAKE);
    assertThat(apply(tx(alice, 1, 0, new TxPayload.Unstake(300)))).isEmpty();
    assertThat(state.stakes()).isEmpty();
  }

  @Test
  void registerCandidateLocksTheDepositOnce() {
    assertThat(apply(tx(bob, 0, 1, new TxPayload.RegisterCandidate(49))))
        .contains(TransactionExecutor.BELOW_MIN_DEPOSIT);
    assertThat(apply(tx(bob, 0, 1, new TxPayload.RegisterCandidate(50)))).isEmpty();
    assertThat(apply(tx(bob, 1, 1, new TxPayload.RegisterCandidate(60))))
        .contains(TransactionExecutor.ALREADY_CANDIDATE);

    assertThat(state.candidates()).containsExactly(java.util.Map.entry(bob.publicKey(), 50L));
    assertThat(state.balance(bob.publicKey())).isEqualTo(449);
  }

  @Test
  void aVoteMustNameOnlyRegisteredCandidates() {
    apply(tx(bob, 0, 0, new TxPayload.RegisterCandidate(50)));

    assertThat(
            apply(tx(alice, 0, 0, new TxPayload.Vote(List.of(bob.publicKey(), carol.publicKey())))))
        .contains(TransactionExecutor.UNKNOWN_CANDIDATE);
    assertThat(apply(tx(alice, 0, 0, new TxPayload.Vote(List.of(bob.publicKey()))))).isEmpty();

    assertThat(state.votes())
        .containsExactly(java.util.Map.entry(alice.publicKey(), List.of(bob.publicKey())));
  }

  @Test
  void anEmptyVoteWithdrawsTheApprovalList() {
    apply(tx(bob, 0, 0, new TxPayload.RegisterCandidate(50)));
    apply(tx(alice, 0, 0, new TxPayload.Vote(List.of(bob.publicKey()))));

    assertThat(apply(tx(alice, 1, 0, new TxPayload.Vote(List.of())))).isEmpty();

    assertThat(state.votes()).isEmpty();
  }

  @Test
  void aNonceAtTheLimitCannotAdvance() {
    StateEditor editor = PersistentLedgerState.empty("test").edit();
    editor.putAccount(alice.publicKey(), new Account(1000, Long.MAX_VALUE, 0, 0, 0));
    state = editor.finish(Hash.ZERO, HEIGHT - 1);

    assertThat(apply(tx(alice, Long.MAX_VALUE, 0, new TxPayload.Transfer(bob.publicKey(), 1))))
        .contains(TransactionExecutor.OVERFLOW);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
