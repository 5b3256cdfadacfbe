package io.consensio.runtime.state;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.Account;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The state entries a {@link StateEditor} wrote since it started, so that its {@link LtHash} is
 * moved once per entry when the state is finished instead of once per write.
 *
 * <p>Why this is exact: the LtHash of a state is the lane-wise sum of its entries' expansions, so
 * moving it by "remove old, add new" on every write telescopes to "remove the entry as it was in
 * the base state, add it as it is now". Deferring the update costs at most two expansions per
 * touched entry per block, where writing through cost two per write: a block of 2,000 transfers
 * from 64 senders used to expand every sender's account about 31 times and the proposer's account
 * (paid a fee per transaction) 2,000 times. Expanding an entry (to 2 KiB, see {@link LtHash}) is
 * still the largest single cost of executing a transaction.
 *
 * <p>Over-approximation is harmless: a key touched and then restored (a rolled-back transaction)
 * compares equal and contributes nothing. Not thread-safe; owned by one editor.
 */
final class TouchedEntries {
  /** Marks a key that had no value in the base state (compared by identity). */
  private static final byte[] ABSENT = new byte[0];

  private final Set<PublicKey> accounts = new HashSet<>();

  /**
   * Touched keys with their value in the base state ({@link #ABSENT} when they had none), taken at
   * the first write: the base tree holds every key ever written, and looking the key up there again
   * in {@link #rehash} was a second full search per transaction.
   */
  private final Map<KvKey, byte[]> values = new HashMap<>();

  private final Set<PublicKey> candidates = new HashSet<>();
  private final Set<PublicKey> votes = new HashSet<>();
  private final Set<PublicKey> slashed = new HashSet<>();

  void account(PublicKey owner) {
    accounts.add(owner);
  }

  /**
   * Records a write to {@code key}; {@code current} is its value before this write (null when
   * absent), which at the first write in this editor is its value in the base state.
   */
  void value(KvKey key, byte[] current) {
    if (!values.containsKey(key)) {
      values.put(key, current == null ? ABSENT : current);
    }
  }

  void candidate(PublicKey candidate) {
    candidates.add(candidate);
  }

  void vote(PublicKey voter) {
    votes.add(voter);
  }

  void slashed(PublicKey key) {
    slashed.add(key);
  }

  /** {@code baseHash} (the hash of {@code base}) moved to the hash of {@code now}. */
  LtHash rehash(LtHash baseHash, StateMaps base, StateMaps now) {
    LtHash hash = baseHash.copy();
    for (PublicKey owner : accounts) {
      Account before = base.accounts().get(owner);
      Account after = now.accounts().get(owner);
      if (!Objects.equals(before, after)) {
        if (before != null) {
          hash.remove(StateEntries.account(owner, before));
        }
        if (after != null) {
          hash.add(StateEntries.account(owner, after));
        }
      }
    }
    for (Map.Entry<KvKey, byte[]> touchedValue : values.entrySet()) {
      KvKey key = touchedValue.getKey();
      byte[] before = touchedValue.getValue() == ABSENT ? null : touchedValue.getValue();
      byte[] after = now.values().get(key);
      if (!Arrays.equals(before, after)) {
        if (before != null) {
          hash.remove(StateEntries.value(key, before));
        }
        if (after != null) {
          hash.add(StateEntries.value(key, after));
        }
      }
    }
    for (PublicKey candidate : candidates) {
      Long before = base.candidates().get(candidate);
      Long after = now.candidates().get(candidate);
      if (!Objects.equals(before, after)) {
        if (before != null) {
          hash.remove(StateEntries.candidate(candidate, before));
        }
        if (after != null) {
          hash.add(StateEntries.candidate(candidate, after));
        }
      }
    }
    for (PublicKey voter : votes) {
      List<PublicKey> before = base.votes().get(voter);
      List<PublicKey> after = now.votes().get(voter);
      if (!Objects.equals(before, after)) {
        if (before != null) {
          hash.remove(StateEntries.vote(voter, before));
        }
        if (after != null) {
          hash.add(StateEntries.vote(voter, after));
        }
      }
    }
    for (PublicKey key : slashed) {
      Long before = base.slashed().get(key);
      Long after = now.slashed().get(key);
      if (!Objects.equals(before, after)) {
        if (before != null) {
          hash.remove(StateEntries.slashed(key, before));
        }
        if (after != null) {
          hash.add(StateEntries.slashed(key, after));
        }
      }
    }
    return hash;
  }
}
