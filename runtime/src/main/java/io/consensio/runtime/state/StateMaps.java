package io.consensio.runtime.state;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.Account;
import java.util.List;
import org.pcollections.TreePMap;
import org.pcollections.TreePSet;

/**
 * The persistent maps that make up a state. Every field is an immutable persistent collection, so a
 * new state shares all unchanged structure with its parent and an old one never changes.
 *
 * <p>{@code stakes}, {@code totalStake} and {@code releases} are indexes derived from {@code
 * accounts} (kept so that validator-set reads and unbonding releases cost no scan); they are not
 * hashed into the state root separately because the account entries already commit to them. {@code
 * slashed} maps each punished key to the height of the block whose evidence proved it.
 */
record StateMaps(
    TreePMap<PublicKey, Account> accounts,
    TreePMap<KvKey, byte[]> values,
    TreePMap<PublicKey, Long> candidates,
    TreePMap<PublicKey, List<PublicKey>> votes,
    TreePMap<PublicKey, Long> stakes,
    long totalStake,
    TreePSet<PendingRelease> releases,
    TreePMap<PublicKey, Long> slashed) {

  static final StateMaps EMPTY =
      new StateMaps(
          TreePMap.empty(),
          TreePMap.empty(),
          TreePMap.empty(),
          TreePMap.empty(),
          TreePMap.empty(),
          0,
          TreePSet.empty(),
          TreePMap.empty());

  /** An account whose unbonding funds return to its balance at {@code height}. */
  record PendingRelease(long height, PublicKey owner) implements Comparable<PendingRelease> {
    @Override
    public int compareTo(PendingRelease other) {
      int byHeight = Long.compare(height, other.height);
      return byHeight != 0 ? byHeight : owner.compareTo(other.owner);
    }
  }
}
