package io.consensio.runtime.ledger;

import io.consensio.api.crypto.Verifier;
import io.consensio.api.services.Scheduler;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import io.consensio.runtime.state.LedgerRules;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The engine-independent checks a block must pass before its transactions are executed, in the
 * order the ledger reports them: height, timestamp against the parent and the local clock, size
 * limits, transaction root, duplicates, signatures (unless the genesis turned signature checks off
 * for opaque-payload benchmarks). Each failure is a short reason string.
 *
 * <p>Duplicates are checked within the block only. A transaction already on the block's ancestry
 * cannot execute again because its nonce is spent: the executor rejects it with {@code bad-nonce},
 * which costs nothing per branch, where an ancestry index would have to be kept for every fork.
 */
final class BlockChecks {
  private final LedgerRules rules;
  private final Scheduler scheduler;
  private final Verifier verifier;
  private Predicate<Transaction> alreadyVerified = tx -> false;

  BlockChecks(LedgerRules rules, Scheduler scheduler, Verifier verifier) {
    this.rules = Objects.requireNonNull(rules);
    this.scheduler = Objects.requireNonNull(scheduler);
    this.verifier = Objects.requireNonNull(verifier);
  }

  void setAlreadyVerified(Predicate<Transaction> alreadyVerified) {
    this.alreadyVerified = Objects.requireNonNull(alreadyVerified);
  }

  /** The first rule {@code block} breaks given its {@code parent}, or empty. */
  Optional<String> check(Block block, Block parent) {
    if (block.height() != parent.height() + 1) {
      return Optional.of("bad-height");
    }
    long timestamp = block.header().timestampMillis();
    if (timestamp < parent.header().timestampMillis()) {
      return Optional.of("time-before-parent");
    }
    long now = scheduler.nowMillis();
    long drift = rules.maxFutureDriftMillis();
    long latestAllowed = now > Long.MAX_VALUE - drift ? Long.MAX_VALUE : now + drift;
    if (timestamp > latestAllowed) {
      return Optional.of("time-too-far-in-future");
    }
    if (block.transactions().size() > rules.maxBlockTransactions()) {
      return Optional.of("too-many-transactions");
    }
    long bytes = 0;
    for (Transaction tx : block.transactions()) {
      bytes += tx.encodedSize();
    }
    if (bytes > rules.maxBlockBytes()) {
      return Optional.of("block-too-large");
    }
    if (!block.hasConsistentTxRoot()) {
      return Optional.of("bad-tx-root");
    }
    Set<Hash> ids = new HashSet<>();
    for (Transaction tx : block.transactions()) {
      if (!ids.add(tx.id())) {
        return Optional.of("duplicate-transaction");
      }
    }
    if (rules.verifyTransactionSignatures()) {
      for (Transaction tx : block.transactions()) {
        if (!alreadyVerified.test(tx) && !tx.hasValidSignature(verifier)) {
          return Optional.of("bad-signature");
        }
      }
    }
    return Optional.empty();
  }
}
