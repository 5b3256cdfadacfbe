package io.consensio.pos.finality;

import io.consensio.api.crypto.PublicKey;
import io.consensio.pos.slashing.Evidence;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Verified finality votes, deduplicated, indexed by target checkpoint for counting and by validator
 * for the slashing conditions of Casper FFG §2.2. A vote that makes a double vote or a surround
 * vote with one already held is not stored; the pair is returned as evidence.
 *
 * <p>Memory: one vote per validator per target epoch, and only for the epochs the caller keeps
 * ({@link #pruneBelow}); the caller also refuses votes for epochs too far ahead. Event-loop thread
 * only.
 */
public final class VotePool {
  /** What {@link #add} did. */
  public enum Status {
    ADDED,
    DUPLICATE,
    CONFLICT
  }

  public record AddResult(Status status, Optional<Evidence.ConflictingVotes> evidence) {}

  private final Map<Checkpoint, Map<PublicKey, Vote>> byTarget = new HashMap<>();
  private final Map<PublicKey, TreeMap<Long, Vote>> byValidator = new HashMap<>();
  private int size;

  /**
   * True when a vote by the same validator linking the same source to the same target is held.
   * Callers check this before verifying a signature: gossip delivers each vote several times, and a
   * second signature on a statement already proven adds nothing.
   */
  public boolean holds(Vote vote) {
    TreeMap<Long, Vote> mine = byValidator.get(vote.validator());
    Vote sameEpoch = mine == null ? null : mine.get(vote.target().epoch());
    return sameEpoch != null
        && sameEpoch.source().equals(vote.source())
        && sameEpoch.target().equals(vote.target());
  }

  public AddResult add(Vote vote) {
    if (holds(vote)) {
      return new AddResult(Status.DUPLICATE, Optional.empty());
    }
    TreeMap<Long, Vote> mine = byValidator.computeIfAbsent(vote.validator(), k -> new TreeMap<>());
    for (Vote held : mine.values()) {
      if (held.conflictsWith(vote)) {
        return new AddResult(
            Status.CONFLICT, Optional.of(new Evidence.ConflictingVotes(held, vote)));
      }
    }
    mine.put(vote.target().epoch(), vote);
    byTarget.computeIfAbsent(vote.target(), k -> new HashMap<>()).put(vote.validator(), vote);
    size++;
    return new AddResult(Status.ADDED, Optional.empty());
  }

  /** The targets that hold votes. */
  public Collection<Checkpoint> targets() {
    return List.copyOf(byTarget.keySet());
  }

  /** The votes for {@code target}, one per validator. */
  public Collection<Vote> votesFor(Checkpoint target) {
    return byTarget.getOrDefault(target, Map.of()).values();
  }

  /** Up to {@code max} votes with a target epoch above {@code epoch}, oldest targets first. */
  public List<Vote> votesAbove(long epoch, int max) {
    List<Vote> result = new ArrayList<>();
    for (TreeMap<Long, Vote> mine : byValidator.values()) {
      result.addAll(mine.tailMap(epoch, false).values());
    }
    result.sort(
        (a, b) -> {
          int byEpoch = Long.compare(a.target().epoch(), b.target().epoch());
          return byEpoch != 0 ? byEpoch : a.validator().compareTo(b.validator());
        });
    return result.size() <= max ? result : result.subList(0, max);
  }

  /** Forgets the votes whose target epoch is below {@code epoch}. */
  public void pruneBelow(long epoch) {
    byTarget.keySet().removeIf(target -> target.epoch() < epoch);
    for (Iterator<TreeMap<Long, Vote>> it = byValidator.values().iterator(); it.hasNext(); ) {
      TreeMap<Long, Vote> mine = it.next();
      Map<Long, Vote> old = mine.headMap(epoch, false);
      size -= old.size();
      old.clear();
      if (mine.isEmpty()) {
        it.remove();
      }
    }
  }

  public int size() {
    return size;
  }
}
