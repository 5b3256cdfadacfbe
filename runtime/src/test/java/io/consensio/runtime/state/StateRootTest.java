package io.consensio.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.ledger.Account;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateRootTest {
  private final Ed25519KeyPair alice = TestKeys.key(1);
  private final Ed25519KeyPair bob = TestKeys.key(2);
  private final Ed25519KeyPair carol = TestKeys.key(3);
  private final Ed25519KeyPair proposer = TestKeys.key(9);
  private final TransactionExecutor executor = new TransactionExecutor(LedgerRules.DEFAULTS);

  private PersistentLedgerState start() {
    StateEditor editor = PersistentLedgerState.empty("roots").edit();
    editor.putAccount(alice.publicKey(), new Account(1000, 0, 0, 0, 0));
    editor.putAccount(bob.publicKey(), new Account(1000, 0, 0, 0, 0));
    return editor.finish(Hash.ZERO, 0);
  }

  private PersistentLedgerState run(PersistentLedgerState from, List<Transaction> txs) {
    StateEditor editor = from.edit();
    for (Transaction tx : txs) {
      assertThat(executor.apply(editor, tx, 1, proposer.publicKey())).isEmpty();
    }
    return editor.finish(Hash.ZERO, 1);
  }

  @Test
  void equalStatesReachedInDifferentOrdersHaveEqualRoots() {
    Transaction fromAlice =
        Transaction.sign(alice, 0, 2, new TxPayload.Transfer(carol.publicKey(), 10));
    Transaction fromBob =
        Transaction.sign(bob, 0, 3, new TxPayload.Transfer(carol.publicKey(), 20));
    Transaction kv = Transaction.sign(alice, 1, 0, new TxPayload.KvPut(bytes("k"), bytes("v")));

    PersistentLedgerState one = run(start(), List.of(fromAlice, fromBob, kv));
    PersistentLedgerState two = run(start(), List.of(fromBob, fromAlice, kv));

    assertThat(one.stateRoot()).isEqualTo(two.stateRoot());
    assertThat(one.balance(carol.publicKey())).isEqualTo(30);
  }

  @Test
  void differentStatesHaveDifferentRoots() {
    PersistentLedgerState ten =
        run(
            start(),
            List.of(Transaction.sign(alice, 0, 0, new TxPayload.Transfer(carol.publicKey(), 10))));
    PersistentLedgerState eleven =
        run(
            start(),
            List.of(Transaction.sign(alice, 0, 0, new TxPayload.Transfer(carol.publicKey(), 11))));

    assertThat(ten.stateRoot()).isNotEqualTo(eleven.stateRoot());
    assertThat(ten.stateRoot()).isNotEqualTo(start().stateRoot());
  }

  @Test
  void theRootDependsOnContentsNotOnHistory() {
    PersistentLedgerState viaTransactions =
        run(
            start(),
            List.of(
                Transaction.sign(alice, 0, 0, new TxPayload.Transfer(bob.publicKey(), 1000)),
                Transaction.sign(bob, 0, 0, new TxPayload.KvPut(bytes("k"), bytes("old"))),
                Transaction.sign(bob, 1, 0, new TxPayload.KvPut(bytes("k"), bytes("new")))));

    StateEditor direct = PersistentLedgerState.empty("roots").edit();
    direct.putAccount(alice.publicKey(), new Account(0, 1, 0, 0, 0));
    direct.putAccount(bob.publicKey(), new Account(2000, 2, 0, 0, 0));
    direct.putValue(bob.publicKey(), bytes("k"), bytes("new"));

    assertThat(viaTransactions.stateRoot()).isEqualTo(direct.finish(Hash.ZERO, 0).stateRoot());
  }

  /**
   * The editor moves the hash once per touched entry when it finishes; this checks that against the
   * definition (SHA-256 of the sum of every entry's expansion), computed here entry by entry, for a
   * block that writes one account many times, overwrites a value and rolls a transaction back,
   * finished twice (as a mid-block view and at the end).
   */
  @Test
  void theRootOfManyWritesToOneEntryIsTheRootOfItsFinalContents() {
    StateEditor editor = start().edit();
    for (int nonce = 0; nonce < 5; nonce++) {
      assertThat(
              executor.apply(
                  editor,
                  Transaction.sign(alice, nonce, 1, new TxPayload.Transfer(bob.publicKey(), 10)),
                  1,
                  proposer.publicKey()))
          .isEmpty();
    }
    PersistentLedgerState midBlock = editor.view(1);
    assertThat(
            executor.apply(
                editor,
                Transaction.sign(bob, 0, 1, new TxPayload.Transfer(carol.publicKey(), 5_000)),
                1,
                proposer.publicKey()))
        .isPresent();
    assertThat(
            executor.apply(
                editor,
                Transaction.sign(bob, 0, 1, new TxPayload.KvPut(bytes("k"), bytes("old"))),
                1,
                proposer.publicKey()))
        .isEmpty();
    assertThat(
            executor.apply(
                editor,
                Transaction.sign(bob, 1, 1, new TxPayload.KvPut(bytes("k"), bytes("new"))),
                1,
                proposer.publicKey()))
        .isEmpty();
    PersistentLedgerState end = editor.finish(Hash.ZERO, 1);

    LtHash expectedMid = LtHash.empty();
    expectedMid.add(StateEntries.chain("roots"));
    expectedMid.add(StateEntries.account(alice.publicKey(), new Account(945, 5, 0, 0, 0)));
    expectedMid.add(StateEntries.account(bob.publicKey(), new Account(1050, 0, 0, 0, 0)));
    expectedMid.add(StateEntries.account(proposer.publicKey(), new Account(5, 0, 0, 0, 0)));
    LtHash expectedEnd = LtHash.empty();
    expectedEnd.add(StateEntries.chain("roots"));
    expectedEnd.add(StateEntries.account(alice.publicKey(), new Account(945, 5, 0, 0, 0)));
    expectedEnd.add(StateEntries.account(bob.publicKey(), new Account(1048, 2, 0, 0, 0)));
    expectedEnd.add(StateEntries.account(proposer.publicKey(), new Account(7, 0, 0, 0, 0)));
    expectedEnd.add(StateEntries.value(new KvKey(bob.publicKey(), bytes("k")), bytes("new")));

    assertThat(midBlock.stateRoot()).isEqualTo(expectedMid.digest());
    assertThat(end.stateRoot()).isEqualTo(expectedEnd.digest());
  }

  @Test
  void anAccountEmptiedAgainLeavesNoTrace() {
    StateEditor editor = start().edit();
    editor.putAccount(carol.publicKey(), new Account(5, 0, 0, 0, 0));
    editor.putAccount(carol.publicKey(), Account.EMPTY);

    assertThat(editor.finish(Hash.ZERO, 0).stateRoot()).isEqualTo(start().stateRoot());
  }

  @Test
  void theChainIdIsPartOfTheRoot() {
    assertThat(PersistentLedgerState.empty("one").stateRoot())
        .isNotEqualTo(PersistentLedgerState.empty("two").stateRoot());
  }

  @Test
  void anOlderStateIsUnchangedByLaterEdits() {
    PersistentLedgerState before = start();
    Hash rootBefore = before.stateRoot();

    run(
        before,
        List.of(Transaction.sign(alice, 0, 0, new TxPayload.Transfer(carol.publicKey(), 10))));

    assertThat(before.stateRoot()).isEqualTo(rootBefore);
    assertThat(before.balance(alice.publicKey())).isEqualTo(1000);
    assertThat(before.balance(carol.publicKey())).isZero();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
