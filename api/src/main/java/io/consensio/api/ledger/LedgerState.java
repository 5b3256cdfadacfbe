package io.consensio.api.ledger;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.Hash;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A read-only view of the ledger state after some block. Immutable: a view taken at a block keeps
 * answering for that block whatever is imported later, so engines can read a parent's validator set
 * while the chain moves on. Maps are sorted by key so that every node iterates them in one order.
 */
public interface LedgerState {
  /** The block after which this is the state. */
  Hash blockId();

  long height();

  /** Commitment to the whole state; equal roots at equal heights mean equal states. */
  Hash stateRoot();

  Account account(PublicKey owner);

  default long balance(PublicKey owner) {
    return account(owner).balance();
  }

  default long nonce(PublicKey owner) {
    return account(owner).nonce();
  }

  default long stake(PublicKey owner) {
    return account(owner).stake();
  }

  /** The value {@code owner} last wrote under {@code key}. */
  Optional<byte[]> value(PublicKey owner, byte[] key);

  /** Every account with stake above zero, with its stake: the proof-of-stake validator set. */
  SortedMap<PublicKey, Long> stakes();

  /** Sum of {@link #stakes()}. */
  long totalStake();

  /** Registered delegate candidates with their deposits (delegated proof of stake). */
  SortedMap<PublicKey, Long> candidates();

  /** Each voter's current approval list (delegated proof of stake). */
  SortedMap<PublicKey, List<PublicKey>> votes();

  /**
   * Keys punished for proven misbehaviour, with the height of the block that carried the proof. A
   * slashed key can never stake or register as a candidate again. Implementations that do not
   * execute evidence (test doubles) may leave the default, which reports none.
   */
  default SortedMap<PublicKey, Long> slashed() {
    return Collections.emptySortedMap();
  }

  default boolean isSlashed(PublicKey key) {
    return slashed().containsKey(key);
  }
}
