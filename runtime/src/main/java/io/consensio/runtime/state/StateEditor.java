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
 * records the entry as touched; {@link #finish} moves the {@link LtHash} once per touched entry
 * (removing its bytes in the base state, adding its bytes now), which gives the same hash as moving
 * it on every write, at a fraction of the cost (see {@link TouchedEntries}). Empty accounts, empty
 * approval lists and absent entries are the same thing (not stored, not hashed), so a state's root
 * depends only on its contents, never on the history that produced them.
 *
 * <p>{@link #checkpoint()} / {@link #rollback} let a failed transaction be undone for free: the
 * maps are persistent, and the hash is only computed when the state is finished. Not thread-safe;
 * single use: one editor per block (or per genesis/snapshot build).
 */
public final class StateEditor {
  private final String chainId;
  private final StateMaps baseMaps;
  private final LtHash baseHash;
  private final TouchedEntries touched = new TouchedEntries();
  private StateMaps maps;

  StateEditor(PersistentLedgerState base) {
    this.chainId = base.chainId();
    this.baseMaps = base.maps();
    this.baseHash = base.hash();
    this.maps = base.maps();
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
    touched.account(owner);
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
    byte[] copy = value.clone();
    touched.value(kvKey, old);
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
    touched.candidate(candidate);
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
    touched.candidate(candidate);
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
    touched.slashed(key);
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
   * read the state mid-block). Costs one accumulator copy and the expansion of every entry touched
   * so far.
   */
  public PersistentLedgerState view(long height) {
    return finish(Hash.ZERO, height);
  }

  /** Replaces {@code voter}'s approval list; an empty list withdraws the vote. */
  public void putVote(PublicKey voter, List<PublicKey> approvals) {
    List<PublicKey> copy = List.copyOf(approvals);
    touched.vote(voter);
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
    return new Checkpoint(maps);
  }

  public void rollback(Checkpoint checkpoint) {
    maps = checkpoint.maps;
  }

  /**
   * The edited state, labelled as the state after {@code blockId} at {@code height}. Its hash is
   * computed here, from the entries written since the editor started (see {@link TouchedEntries}),
   * so finishing costs in proportion to the entries touched.
   */
  public PersistentLedgerState finish(Hash blockId, long height) {
    return new PersistentLedgerState(
        chainId, blockId, height, maps, touched.rehash(baseHash, baseMaps, maps));
  }

  /** An opaque saved position of an editor. */
  public static final class Checkpoint {
    private final StateMaps maps;

    private Checkpoint(StateMaps maps) {
      this.maps = maps;
    }
  }
}
