package io.consensio.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.Account;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockExecutorTest {
  private final Ed25519KeyPair alice = TestKeys.key(1);
  private final Ed25519KeyPair bob = TestKeys.key(2);
  private final PublicKey proposer = TestKeys.key(9).publicKey();

  private static PersistentLedgerState genesis(Ed25519KeyPair owner, long balance) {
    StateEditor editor = PersistentLedgerState.empty("blocks").edit();
    editor.putAccount(owner.publicKey(), new Account(balance, 0, 0, 0, 0));
    return editor.finish(Hash.ZERO, 0);
  }

  @Test
  void unbondedFundsReturnAtTheStartOfTheFirstBlockAtTheReleaseHeight() {
    LedgerRules rules = new LedgerRules(0, 10, 3, 1, 100, 1 << 20, 0);
    BlockExecutor executor = new BlockExecutor(rules);
    PersistentLedgerState state = genesis(alice, 100);
    state =
        executor
            .build(
                state,
                List.of(
                    Transaction.sign(alice, 0, 0, new TxPayload.Stake(60)),
                    Transaction.sign(alice, 1, 0, new TxPayload.Unstake(60))),
                1,
                proposer)
            .state();
    assertThat(state.account(alice.publicKey())).isEqualTo(new Account(40, 2, 0, 60, 4));

    state = executor.build(state, List.of(), 2, proposer).state();
    state = executor.build(state, List.of(), 3, proposer).state();
    assertThat(state.account(alice.publicKey()).unbonding()).isEqualTo(60);

    // Height 4 is the release height: the funds are spendable by that block's transactions.
    BlockExecutor.Built atRelease =
        executor.build(
            state,
            List.of(Transaction.sign(alice, 2, 0, new TxPayload.Transfer(bob.publicKey(), 100))),
            4,
            proposer);
    assertThat(atRelease.transactions()).hasSize(1);
    assertThat(atRelease.state().account(alice.publicKey())).isEqualTo(new Account(0, 3, 0, 0, 0));
  }

  @Test
  void aSkippedReleaseHeightReleasesAtTheNextBlock() {
    LedgerRules rules = new LedgerRules(0, 10, 1, 1, 100, 1 << 20, 0);
    BlockExecutor executor = new BlockExecutor(rules);
    PersistentLedgerState state = genesis(alice, 100);
    state =
        executor
            .build(
                state,
                List.of(
                    Transaction.sign(alice, 0, 0, new TxPayload.Stake(50)),
                    Transaction.sign(alice, 1, 0, new TxPayload.Unstake(50))),
                5,
                proposer)
            .state();

    // Heights are not contiguous here (a snapshot or a state reused at another height): the
    // release at 6 happens at the first block at or after it.
    state = executor.build(state, List.of(), 9, proposer).state();

    assertThat(state.account(alice.publicKey())).isEqualTo(new Account(100, 2, 0, 0, 0));
  }

  @Test
  void theBlockRewardIsMintedToTheProposer() {
    BlockExecutor executor = new BlockExecutor(new LedgerRules(7, 1, 1, 1, 100, 1 << 20, 0));
    PersistentLedgerState state = genesis(alice, 100);

    state = executor.build(state, List.of(), 1, proposer).state();
    state = executor.build(state, List.of(), 2, proposer).state();

    assertThat(state.balance(proposer)).isEqualTo(14);
  }

  @Test
  void buildSkipsInvalidTransactionsAndRespectsTheLimits() {
    BlockExecutor executor = new BlockExecutor(new LedgerRules(0, 1, 1, 1, 2, 1 << 20, 0));
    PersistentLedgerState state = genesis(alice, 100);
    Transaction valid0 = Transaction.sign(alice, 0, 0, new TxPayload.Transfer(bob.publicKey(), 1));
    Transaction badNonce =
        Transaction.sign(alice, 5, 0, new TxPayload.Transfer(bob.publicKey(), 1));
    Transaction valid1 = Transaction.sign(alice, 1, 0, new TxPayload.Transfer(bob.publicKey(), 1));
    Transaction valid2 = Transaction.sign(alice, 2, 0, new TxPayload.Transfer(bob.publicKey(), 1));

    BlockExecutor.Built built =
        executor.build(state, List.of(valid0, badNonce, valid1, valid2), 1, proposer);

    assertThat(built.transactions()).containsExactly(valid0, valid1);
    assertThat(built.state().balance(bob.publicKey())).isEqualTo(2);
  }

  @Test
  void buildLeavesOutTransactionsBeyondTheByteLimit() {
    Transaction small = Transaction.sign(alice, 0, 0, new TxPayload.Transfer(bob.publicKey(), 1));
    BlockExecutor executor =
        new BlockExecutor(new LedgerRules(0, 1, 1, 1, 100, small.encodedSize() + 10, 0));
    Transaction large =
        Transaction.sign(alice, 0, 0, new TxPayload.KvPut(new byte[] {1}, new byte[500]));

    BlockExecutor.Built built =
        executor.build(genesis(alice, 100), List.of(large, small), 1, proposer);

    assertThat(built.transactions()).containsExactly(small);
  }
}
