package io.consensio.runtime.state;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.Account;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import java.util.Objects;
import java.util.Optional;

/**
 * The state transition function for one transaction. Signatures are not its concern (the ledger and
 * mempool check them before); it applies the economic rules:
 *
 * <ul>
 *   <li>the nonce must equal the sender's nonce, which then grows by one — so a transaction can
 *       execute at most once on a branch ({@code bad-nonce} on replay);
 *   <li>the sender pays the fee, which goes to the block proposer;
 *   <li>{@link TxPayload.Transfer} moves balance; {@link TxPayload.KvPut} writes in the sender's
 *       own namespace; {@link TxPayload.Stake} moves balance to stake (a first stake must reach
 *       {@code minStake}); {@link TxPayload.Unstake} moves stake to unbonding, returned to the
 *       balance at {@code height + unbondingPeriodBlocks} (a second unstake before then adds to the
 *       amount and moves the release height); {@link TxPayload.Vote} replaces the sender's approval
 *       list, every name being a registered candidate; {@link TxPayload.RegisterCandidate} locks a
 *       deposit of at least {@code minCandidateDeposit}, once per account.
 * </ul>
 *
 * <p>All arithmetic is exact: an overflow rejects the transaction ({@code overflow}) instead of
 * wrapping. A rejected transaction leaves the state exactly as it was. Deterministic and stateless
 * apart from the rules; safe to share.
 */
public final class TransactionExecutor {
  public static final String BAD_NONCE = "bad-nonce";
  public static final String INSUFFICIENT_BALANCE = "insufficient-balance";
  public static final String INSUFFICIENT_STAKE = "insufficient-stake";
  public static final String BELOW_MIN_STAKE = "below-min-stake";
  public static final String UNKNOWN_CANDIDATE = "unknown-candidate";
  public static final String ALREADY_CANDIDATE = "already-candidate";
  public static final String BELOW_MIN_DEPOSIT = "below-min-deposit";
  public static final String OVERFLOW = "overflow";

  private final LedgerRules rules;

  public TransactionExecutor(LedgerRules rules) {
    this.rules = Objects.requireNonNull(rules);
  }

  /**
   * Applies {@code tx} in a block at {@code height} proposed by {@code proposer}. Returns the
   * rejection reason, or empty when applied.
   */
  public Optional<String> apply(
      StateEditor state, Transaction tx, long height, PublicKey proposer) {
    StateEditor.Checkpoint before = state.checkpoint();
    String rejection;
    try {
      rejection = applyOrReject(state, tx, height, proposer);
    } catch (ArithmeticException e) {
      rejection = OVERFLOW;
    }
    if (rejection != null) {
      state.rollback(before);
      return Optional.of(rejection);
    }
    return Optional.empty();
  }

  /** Returns a rejection reason, possibly after partial writes that the caller rolls back. */
  private String applyOrReject(StateEditor state, Transaction tx, long height, PublicKey proposer) {
    PublicKey senderKey = tx.sender();
    Account sender = state.account(senderKey);
    if (tx.nonce() != sender.nonce()) {
      return BAD_NONCE;
    }
    long nextNonce = Math.addExact(sender.nonce(), 1);
    String rejection = applyPayload(state, tx, sender, nextNonce, height);
    if (rejection != null) {
      return rejection;
    }
    // Read the proposer after the sender was written: they may be the same account.
    Account proposerAccount = state.account(proposer);
    state.putAccount(
        proposer, withBalance(proposerAccount, Math.addExact(proposerAccount.balance(), tx.fee())));
    return null;
  }

  // Java 17 has no pattern matching for switch; TxPayload is sealed, so this chain is complete.
  private String applyPayload(
      StateEditor state, Transaction tx, Account sender, long nextNonce, long height) {
    TxPayload payload = tx.payload();
    if (payload instanceof TxPayload.Transfer transfer) {
      return transfer(state, tx, sender, nextNonce, transfer);
    } else if (payload instanceof TxPayload.KvPut put) {
      return kvPut(state, tx, sender, nextNonce, put);
    } else if (payload instanceof TxPayload.Stake stake) {
      return stake(state, tx, sender, nextNonce, stake.amount());
    } else if (payload instanceof TxPayload.Unstake unstake) {
      return unstake(state, tx, sender, nextNonce, unstake.amount(), height);
    } else if (payload instanceof TxPayload.Vote vote) {
      return vote(state, tx, sender, nextNonce, vote);
    } else if (payload instanceof TxPayload.RegisterCandidate register) {
      return register(state, tx, sender, nextNonce, register.deposit());
    }
    throw new IllegalStateException("payload type without a rule: " + payload.getClass());
  }

  private String transfer(
      StateEditor state, Transaction tx, Account sender, long nextNonce, TxPayload.Transfer t) {
    long cost = Math.addExact(tx.fee(), t.amount());
    if (sender.balance() < cost) {
      return INSUFFICIENT_BALANCE;
    }
    state.putAccount(
        tx.sender(),
        new Account(
            sender.balance() - cost,
            nextNonce,
            sender.stake(),
            sender.unbonding(),
            sender.unbondingReleaseHeight()));
    Account recipient = state.account(t.to());
    state.putAccount(
        t.to(), withBalance(recipient, Math.addExact(recipient.balance(), t.amount())));
    return null;
  }

  private String kvPut(
      StateEditor state, Transaction tx, Account sender, long nextNonce, TxPayload.KvPut put) {
    if (sender.balance() < tx.fee()) {
      return INSUFFICIENT_BALANCE;
    }
    state.putAccount(tx.sender(), payFee(sender, tx.fee(), nextNonce));
    state.putValue(tx.sender(), put.key(), put.value());
    return null;
  }

  private String stake(
      StateEditor state, Transaction tx, Account sender, long nextNonce, long amount) {
    if (sender.stake() == 0 && amount < rules.minStake()) {
      return BELOW_MIN_STAKE;
    }
    long cost = Math.addExact(tx.fee(), amount);
    if (sender.balance() < cost) {
      return INSUFFICIENT_BALANCE;
    }
    state.putAccount(
        tx.sender(),
        new Account(
            sender.balance() - cost,
            nextNonce,
            Math.addExact(sender.stake(), amount),
            sender.unbonding(),
            sender.unbondingReleaseHeight()));
    return null;
  }

  private String unstake(
      StateEditor state, Transaction tx, Account sender, long nextNonce, long amount, long height) {
    if (sender.stake() < amount) {
      return INSUFFICIENT_STAKE;
    }
    long remaining = sender.stake() - amount;
    if (remaining != 0 && remaining < rules.minStake()) {
      return BELOW_MIN_STAKE;
    }
    if (sender.balance() < tx.fee()) {
      return INSUFFICIENT_BALANCE;
    }
    state.putAccount(
        tx.sender(),
        new Account(
            sender.balance() - tx.fee(),
            nextNonce,
            remaining,
            Math.addExact(sender.unbonding(), amount),
            Math.addExact(height, rules.unbondingPeriodBlocks())));
    return null;
  }

  private String vote(
      StateEditor state, Transaction tx, Account sender, long nextNonce, TxPayload.Vote vote) {
    for (PublicKey candidate : vote.candidates()) {
      if (!state.isCandidate(candidate)) {
        return UNKNOWN_CANDIDATE;
      }
    }
    if (sender.balance() < tx.fee()) {
      return INSUFFICIENT_BALANCE;
    }
    state.putAccount(tx.sender(), payFee(sender, tx.fee(), nextNonce));
    state.putVote(tx.sender(), vote.candidates());
    return null;
  }

  private String register(
      StateEditor state, Transaction tx, Account sender, long nextNonce, long deposit) {
    if (state.isCandidate(tx.sender())) {
      return ALREADY_CANDIDATE;
    }
    if (deposit < rules.minCandidateDeposit()) {
      return BELOW_MIN_DEPOSIT;
    }
    long cost = Math.addExact(tx.fee(), deposit);
    if (sender.balance() < cost) {
      return INSUFFICIENT_BALANCE;
    }
    state.putAccount(
        tx.sender(),
        new Account(
            sender.balance() - cost,
            nextNonce,
            sender.stake(),
            sender.unbonding(),
            sender.unbondingReleaseHeight()));
    state.putCandidate(tx.sender(), deposit);
    return null;
  }

  private static Account payFee(Account sender, long fee, long nextNonce) {
    return new Account(
        sender.balance() - fee,
        nextNonce,
        sender.stake(),
        sender.unbonding(),
        sender.unbondingReleaseHeight());
  }

  static Account withBalance(Account account, long balance) {
    return new Account(
        balance,
        account.nonce(),
        account.stake(),
        account.unbonding(),
        account.unbondingReleaseHeight());
  }
}
