package io.consensio.runtime.state;

import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.ledger.Account;
import io.consensio.api.ledger.EvidenceJudge;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a whole block against its parent's state: first the block-level steps (unbonding funds that
 * are due return to their balances, then the block reward is minted to the proposer), then each
 * transaction in order through the {@link TransactionExecutor}.
 *
 * <p>Deterministic: the result depends only on the parent state, the transactions, the height and
 * the proposer. Stateless apart from the rules; safe to share.
 */
public final class BlockExecutor {
  private final LedgerRules rules;
  private final TransactionExecutor transactions;

  public BlockExecutor(LedgerRules rules) {
    this(rules, EvidenceJudge.NONE, Ed25519Verifier.INSTANCE);
  }

  /** See {@link TransactionExecutor#TransactionExecutor(LedgerRules, EvidenceJudge, Verifier)}. */
  public BlockExecutor(LedgerRules rules, EvidenceJudge judge, Verifier verifier) {
    this.rules = Objects.requireNonNull(rules);
    this.transactions = new TransactionExecutor(rules, judge, verifier);
  }

  public LedgerRules rules() {
    return rules;
  }

  /** The outcome of {@link #execute}: the new state, or the first rejected transaction. */
  public record Outcome(PersistentLedgerState state, int rejectedIndex, String reason) {
    public boolean isValid() {
      return state != null;
    }
  }

  /**
   * A block body chosen by {@link #build}, with the state it leads to (not yet labelled), and the
   * candidates left out because executing them failed (not those left out for lack of room).
   */
  public record Built(
      List<Transaction> transactions, PersistentLedgerState state, List<Refused> refused) {}

  /** A candidate transaction that failed to execute, with the executor's reason. */
  public record Refused(Transaction transaction, String reason) {}

  /**
   * Executes every transaction of {@code block}; the whole block is refused at the first invalid
   * one. The resulting state is labelled with the block's id and height.
   */
  public Outcome execute(PersistentLedgerState parent, Block block) {
    PublicKey proposer = block.header().proposer();
    StateEditor editor = begin(parent, block.height(), proposer);
    List<Transaction> txs = block.transactions();
    for (int i = 0; i < txs.size(); i++) {
      Optional<String> rejection = transactions.apply(editor, txs.get(i), block.height(), proposer);
      if (rejection.isPresent()) {
        return new Outcome(null, i, rejection.get());
      }
    }
    return new Outcome(editor.finish(block.id(), block.height()), -1, "");
  }

  /**
   * Picks, in order, the {@code candidates} that are valid one after the other on {@code parent},
   * leaving out invalid ones and any that would break the block's transaction or byte limit.
   */
  public Built build(
      PersistentLedgerState parent, List<Transaction> candidates, long height, PublicKey proposer) {
    StateEditor editor = begin(parent, height, proposer);
    List<Transaction> included = new ArrayList<>();
    List<Refused> refused = new ArrayList<>();
    long bytes = 0;
    for (Transaction tx : candidates) {
      if (included.size() >= rules.maxBlockTransactions()) {
        break;
      }
      if (bytes + tx.encodedSize() > rules.maxBlockBytes()) {
        continue;
      }
      Optional<String> rejection = transactions.apply(editor, tx, height, proposer);
      if (rejection.isEmpty()) {
        included.add(tx);
        bytes += tx.encodedSize();
      } else {
        refused.add(new Refused(tx, rejection.get()));
      }
    }
    return new Built(included, editor.finish(Hash.ZERO, height), refused);
  }

  /** The block-level steps that precede the transactions of a block at {@code height}. */
  private StateEditor begin(PersistentLedgerState parent, long height, PublicKey proposer) {
    StateEditor editor = parent.edit();
    for (PublicKey owner : editor.dueReleases(height)) {
      Account account = editor.account(owner);
      try {
        editor.putAccount(
            owner,
            new Account(
                Math.addExact(account.balance(), account.unbonding()),
                account.nonce(),
                account.stake(),
                0,
                0));
      } catch (ArithmeticException e) {
        // Unreachable while the total supply fits in a long (Genesis checks it); if rewards ever
        // push it past that, the funds stay unbonding rather than wrap: deterministic either way.
      }
    }
    if (rules.blockReward() > 0) {
      Account account = editor.account(proposer);
      try {
        editor.putAccount(
            proposer,
            TransactionExecutor.withBalance(
                account, Math.addExact(account.balance(), rules.blockReward())));
      } catch (ArithmeticException e) {
        // A proposer whose balance would overflow simply receives no reward for this block.
      }
    }
    return editor;
  }
}
