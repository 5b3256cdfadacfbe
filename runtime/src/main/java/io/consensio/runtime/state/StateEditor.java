package io.consensio.runtime.state;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.Account;
import io.consensio.api.types.Hash;
import io.consensio.runtime.state.StateMaps.PendingRelease;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcollections.TreePMap;
import org.pcollections.TreePSet;

/**
 * Edits a copy of a {@link PersistentLedgerState}: every write swaps in a new persistent map and
 * moves the {@link LtHash} by removing the entry's old bytes and adding its new ones. Empty
 * accounts, empty approval lists and absent entries are the same thing (not stored, not hashed), so
 * a state's root depends only on its contents, never on the history that produced them.
 *
 * <p>{@link #checkpoint()} / {@link #rollback} let a failed transaction be undone at the cost of
 * one 2 KiB accumulator copy: the maps are persistent, so saving them is free. Not thread-safe;
 * single use: one editor per block (or per genesis/snapshot build).
 */
public final class StateEditor {
  private final String chainId;
  private StateMaps maps;
  private final LtHash hash;

  StateEditor(PersistentLedgerState base) {
    this.chainId = base.chainId();
    this.maps = base.maps();
    this.hash = base.hash().copy();
  }

  public Account account(PublicKey owner) {
    return maps.accounts().getOrDefault(owner, Account.EMPTY);
  }

  /**
   * Stores {@code account} (removing it when empty) and keeps the stake and release indexes in
   * step. Throws {@link ArithmeticException} if the total stake would overflow.
   */
  public void putAccount(PublicKey owner, Account account) {
    Account old = account(owner);
    if (old.equals(account)) {
      return;
    }
    long totalStake =
        Math.addExact(Math.subtractExact(maps.totalStake(), old.stake()), account.stake());
    if (!old.isEmpty()) {
      hash.remove(StateEntries.account(owner, old));
    }
    if (!account.isEmpty()) {
      hash.add(StateEntries.account(owner, account));
    }
    TreePMap<PublicKey, Account> accounts =
        account.isEmpty() ? maps.accounts().minus(owner) : maps.accounts().plus(owner, account);
    TreePMap<PublicKey, Long> stakes =
        account.stake() > 0
            ? maps.stakes().plus(owner, account.stake())
            : maps.stakes().minus(owner);
    TreePSet<PendingRelease> releases = maps.releases();
    if (old.unbonding() > 0) {
      releases = releases.minus(new PendingRelease(old.unbondingReleaseHeight(), owner));
    }
    if (account.unbonding() > 0) {
      releases = releases.plus(new PendingRelease(account.unbondingReleaseHeight(), owner));
    }
    maps =
        new StateMaps(
            accounts,
            maps.values(),
            maps.candidates(),
            maps.votes(),
            stakes,
            totalStake,
            releases,
            maps.slashed());
  }

  public Optional<byte[]> value(PublicKey owner, byte[] key) {
    byte[] value = maps.values().get(new KvKey(owner, key));
    return value == null ? Optional.empty() : Optional.of(value.clone());
  }

  public void putValue(PublicKey owner, byte[] key, byte[] value) {
    KvKey kvKey = new KvKey(owner, key);
    byte[] old = maps.values().get(kvKey);
    if (old != null && Arrays.equals(old, value)) {
      return;
    }
    if (old != null) {
      hash.remove(StateEntries.value(kvKey, old));
    }
    byte[] copy = value.clone();
    hash.add(StateEntries.value(kvKey, copy));
    maps =
        new StateMaps(
            maps.accounts(),
            maps.values().plus(kvKey, copy),
            maps.candidates(),
            maps.votes(),
            maps.stakes(),
            maps.totalStake(),
            maps.releases(),
            maps.slashed());
  }

  public boolean isCandidate(PublicKey candidate) {
    return maps.candidates().containsKey(candidate);
  }

  /** {@code candidate}'s deposit, or 0 when it is not a candidate. */
  public long candidateDeposit(PublicKey candidate) {
    return maps.candidates().getOrDefault(candidate, 0L);
  }

  /** Registers {@code candidate} with {@code deposit}, or changes its deposit. */
  public void putCandidate(PublicKey candidate, long deposit) {
    if (deposit <= 0) {
      throw new IllegalArgumentException("a candidate deposit must be positive");
    }
    Long old = maps.candidates().get(candidate);
    if (old != null) {
      hash.remove(StateEntries.candidate(candidate, old));
    }
    hash.add(StateEntries.candidate(candidate, deposit));
    maps =
        new StateMaps(
            maps.accounts(),
            maps.values(),
            maps.candidates().plus(candidate, deposit),
            maps.votes(),
            maps.stakes(),
            maps.totalStake(),
            maps.releases(),
            maps.slashed());
  }

  /**
   * Withdraws {@code candidate}'s registration (its deposit is the caller's to settle) and strikes
   * it from every approval list, so that no vote names an unregistered candidate.
   */
  public void removeCandidate(PublicKey candidate) {
    Long old = maps.candidates().get(candidate);
    if (old == null) {
      return;
    }
    hash.remove(StateEntries.candidate(candidate, old));
    maps =
        new StateMaps(
            maps.accounts(),
            maps.values(),
            maps.candidates().minus(candidate),
            maps.votes(),
            maps.stakes(),
            maps.totalStake(),
            maps.releases(),
            maps.slashed());
    List<Map.Entry<PublicKey, List<PublicKey>>> naming = new ArrayList<>();
    for (Map.Entry<PublicKey, List<PublicKey>> vote : maps.votes().entrySet()) {
      if (vote.getValue().contains(candidate)) {
        naming.add(vote);
      }
    }
    for (Map.Entry<PublicKey, List<PublicKey>> vote : naming) {
      List<PublicKey> rest = new ArrayList<>(vote.getValue());
      rest.remove(candidate);
      putVote(vote.getKey(), rest);
    }
  }

  public boolean isSlashed(PublicKey key) {
    return maps.slashed().containsKey(key);
  }

  /**
   * Records that {@code key} was proven to misbehave by evidence in the block at {@code height}.
   */
  public void putSlashed(PublicKey key, long height) {
    if (isSlashed(key)) {
      throw new IllegalStateException(key + " is already slashed");
    }
    hash.add(StateEntries.slashed(key, height));
    maps =
        new StateMaps(
            maps.accounts(),
            maps.values(),
            maps.candidates(),
            maps.votes(),
            maps.stakes(),
            maps.totalStake(),
            maps.releases(),
            maps.slashed().plus(key, height));
  }

  /**
   * The contents edited so far as a read-only state (for rules, such as an evidence judge, that
   * read the state mid-block). Costs one accumulator copy and digest.
   */
  public PersistentLedgerState view(long height) {
    return finish(Hash.ZERO, height);
  }

  /** Replaces {@code voter}'s approval list; an empty list withdraws the vote. */
  public void putVote(PublicKey voter, List<PublicKey> approvals) {
    List<PublicKey> copy = List.copyOf(approvals);
    List<PublicKey> old = maps.votes().get(voter);
    if (old != null) {
      hash.remove(StateEntries.vote(voter, old));
    }
    if (!copy.isEmpty()) {
      hash.add(StateEntries.vote(voter, copy));
    }
    TreePMap<PublicKey, List<PublicKey>> votes =
        copy.isEmpty() ? maps.votes().minus(voter) : maps.votes().plus(voter, copy);
    maps =
        new StateMaps(
            maps.accounts(),
            maps.values(),
            maps.candidates(),
            votes,
            maps.stakes(),
            maps.totalStake(),
            maps.releases(),
            maps.slashed());
  }

  /** Accounts whose unbonding funds are due at or before {@code height}, in a fixed order. */
  public List<PublicKey> dueReleases(long height) {
    List<PublicKey> due = new ArrayList<>();
    for (PendingRelease release : maps.releases()) {
      if (release.height() > height) {
        break;
      }
      due.add(release.owner());
    }
    return due;
  }

  /** Saves the current contents so that {@link #rollback} can return to them. */
  public Checkpoint checkpoint() {
    return new Checkpoint(maps, hash.copy());
  }

  public void rollback(Checkpoint checkpoint) {
    maps = checkpoint.maps;
    hash.restore(checkpoint.hash);
  }

  /** The edited state, labelled as the state after {@code blockId} at {@code height}. */
  public PersistentLedgerState finish(Hash blockId, long height) {
    return new PersistentLedgerState(chainId, blockId, height, maps, hash.copy());
  }

  /** An opaque saved position of an editor. */
  public static final class Checkpoint {
    private final StateMaps maps;
    private final LtHash hash;

    private Checkpoint(StateMaps maps, LtHash hash) {
      this.maps = maps;
      this.hash = hash;
    }
  }
}
