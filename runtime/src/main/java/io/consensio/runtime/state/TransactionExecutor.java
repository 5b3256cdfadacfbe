package io.consensio.runtime.state;

import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.ledger.Account;
import io.consensio.api.ledger.EvidenceJudge;
import io.consensio.api.ledger.EvidenceVerdict;
import io.consensio.api.ledger.LedgerState;
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
 *       deposit of at least {@code minCandidateDeposit}, once per account; {@link
 *       TxPayload.Evidence} punishes the offender the consensus module's judge names (see {@link
 *       #evidence}); a slashed key may not stake or register again.
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
  public static final String SLASHED = "slashed";
  public static final String BAD_EVIDENCE = "bad-evidence";
  public static final String ALREADY_SLASHED = "already-slashed";

  private final LedgerRules rules;
  private final EvidenceJudge judge;
  private final Verifier verifier;

  /** An executor for a chain whose consensus module judges no evidence. */
  public TransactionExecutor(LedgerRules rules) {
    this(rules, EvidenceJudge.NONE, Ed25519Verifier.INSTANCE);
  }

  /**
   * @param judge the consensus module's rules for {@link TxPayload.Evidence}
   * @param verifier handed to the judge for the signatures inside a proof (always a real verifier,
   *     even when transaction signatures are not checked)
   */
  public TransactionExecutor(LedgerRules rules, EvidenceJudge judge, Verifier verifier) {
    this.rules = Objects.requireNonNull(rules);
    this.judge = Objects.requireNonNull(judge);
    this.verifier = Objects.requireNonNull(verifier);
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
    } else if (payload instanceof TxPayload.Evidence evidence) {
      return evidence(state, tx, sender, nextNonce, evidence, height);
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
    if (state.isSlashed(tx.sender())) {
      return SLASHED;
    }
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
    if (state.isSlashed(tx.sender())) {
      return SLASHED;
    }
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

  /**
   * Punishes the offender the judge names: its candidate deposit is forfeited and removed (it
   * leaves the delegate candidates), {@code slashPercent} of its stake and unbonding funds is
   * confiscated, and what stake remains is forced to unbond — so it leaves the validator set at
   * once. The key is marked slashed for good. The reporter (the sender) receives {@code
   * reporterRewardPercent} of what was confiscated; the rest is burned. A second proof against a
   * slashed key is refused, so one offence is punished once.
   */
  private String evidence(
      StateEditor state,
      Transaction tx,
      Account sender,
      long nextNonce,
      TxPayload.Evidence evidence,
      long height) {
    if (sender.balance() < tx.fee()) {
      return INSUFFICIENT_BALANCE;
    }
    EvidenceVerdict verdict = judgeSafely(evidence, state.view(height), height);
    if (!verdict.isGuilty()) {
      return BAD_EVIDENCE;
    }
    PublicKey offender = verdict.offender().orElseThrow();
    if (state.isSlashed(offender)) {
      return ALREADY_SLASHED;
    }
    state.putAccount(tx.sender(), payFee(sender, tx.fee(), nextNonce));
    long deposit = state.candidateDeposit(offender);
    state.removeCandidate(offender);
    Account before = state.account(offender);
    long stakeTaken = percentOf(before.stake(), rules.slashPercent());
    long unbondingTaken = percentOf(before.unbonding(), rules.slashPercent());
    long stakeLeft = before.stake() - stakeTaken;
    long unbondingLeft = Math.addExact(before.unbonding() - unbondingTaken, stakeLeft);
    state.putAccount(
        offender,
        new Account(
            before.balance(),
            before.nonce(),
            0,
            unbondingLeft,
            unbondingLeft == 0 ? 0 : Math.addExact(height, rules.unbondingPeriodBlocks())));
    state.putSlashed(offender, height);
    long confiscated = Math.addExact(Math.addExact(deposit, stakeTaken), unbondingTaken);
    long reward = percentOf(confiscated, rules.reporterRewardPercent());
    Account reporter = state.account(tx.sender());
    state.putAccount(tx.sender(), withBalance(reporter, Math.addExact(reporter.balance(), reward)));
    return null;
  }

  /** A judge that throws would make the block's validity depend on an exception: treat as no. */
  private EvidenceVerdict judgeSafely(TxPayload.Evidence evidence, LedgerState state, long height) {
    try {
      return judge.judge(evidence.proof(), state, height, verifier);
    } catch (RuntimeException e) {
      return EvidenceVerdict.rejected("judge-failed");
    }
  }

  /** {@code floor(amount * percent / 100)} for non-negative amounts, without overflow. */
  static long percentOf(long amount, int percent) {
    return amount / 100 * percent + amount % 100 * percent / 100;
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
