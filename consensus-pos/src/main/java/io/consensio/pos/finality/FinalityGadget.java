package io.consensio.pos.finality;

import io.consensio.api.crypto.PublicKey;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Casper FFG's justification and finalization (Buterin and Griffith, 2017, §2): the genesis (or the
 * last finalized) checkpoint is justified; a checkpoint t is justified when validators holding at
 * least 2/3 of the stake of t's epoch signed votes s → t from a justified s that is an ancestor of
 * t (a supermajority link); a justified s is finalized when a supermajority link goes from s to a
 * checkpoint of the very next epoch. With votes over epoch boundary pairs this is Gasper's version
 * (Buterin et al., 2020, §4).
 *
 * <p>Votes arrive by gossip in any order and before or after the blocks they name; {@link #process}
 * recomputes until nothing changes and reports a new finalized checkpoint. Memory: the pool is
 * pruned below the finalized epoch minus the retention. Event-loop thread only.
 */
public final class FinalityGadget {
  /** What the gadget needs to know about blocks. */
  public interface Oracle {
    /** The slot of a known block, empty while it is unknown. */
    Optional<Long> slotOf(io.consensio.api.types.Hash block);

    boolean isAncestorOrSelf(io.consensio.api.types.Hash ancestor, io.consensio.api.types.Hash d);

    /** Effective stakes that vote for checkpoints of {@code target}'s epoch, if known. */
    Optional<SortedMap<PublicKey, Long>> votingStakes(Checkpoint target);

    long firstSlotOf(long epoch);
  }

  private final Oracle oracle;
  private final VotePool pool = new VotePool();
  private final TreeSet<Checkpoint> justified = new TreeSet<>();
  private final int retentionEpochs;
  private Checkpoint finalized;

  public FinalityGadget(Oracle oracle, Checkpoint finalized, int retentionEpochs) {
    this.oracle = oracle;
    this.finalized = finalized;
    this.retentionEpochs = retentionEpochs;
    justified.add(finalized);
  }

  public VotePool pool() {
    return pool;
  }

  public Checkpoint finalized() {
    return finalized;
  }

  /** The justified checkpoint of the highest epoch. */
  public Checkpoint highestJustified() {
    return justified.last();
  }

  public boolean isJustified(Checkpoint checkpoint) {
    return justified.contains(checkpoint);
  }

  /** The highest-epoch justified checkpoint that is {@code block} or one of its ancestors. */
  public Checkpoint highestJustifiedAncestorOf(io.consensio.api.types.Hash block) {
    for (Checkpoint candidate : justified.descendingSet()) {
      if (oracle.isAncestorOrSelf(candidate.block(), block)) {
        return candidate;
      }
    }
    return finalized;
  }

  /** True when a vote naming this pair could ever count: its block precedes the epoch. */
  private boolean isBoundaryPair(Checkpoint checkpoint) {
    Optional<Long> slot = oracle.slotOf(checkpoint.block());
    return slot.isPresent() && slot.get() < oracle.firstSlotOf(checkpoint.epoch());
  }

  /**
   * Justifies and finalizes what the votes now allow. Returns the newly finalized checkpoint, if
   * finality moved.
   */
  public Optional<Checkpoint> process() {
    Checkpoint before = finalized;
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Checkpoint target : pool.targets()) {
        if (target.epoch() <= finalized.epoch() || justified.contains(target)) {
          continue;
        }
        Optional<Checkpoint> source = supermajoritySource(target);
        if (source.isPresent()) {
          justified.add(target);
          changed = true;
          if (target.epoch() == source.get().epoch() + 1
              && source.get().epoch() > finalized.epoch()) {
            finalized = source.get();
          }
        }
      }
    }
    if (finalized.equals(before)) {
      return Optional.empty();
    }
    justified.headSet(finalized, false).clear();
    pool.pruneBelow(Math.max(0, finalized.epoch() - retentionEpochs));
    return Optional.of(finalized);
  }

  /** A justified source linked to {@code target} by votes of at least 2/3 of its stake. */
  private Optional<Checkpoint> supermajoritySource(Checkpoint target) {
    if (!isBoundaryPair(target)) {
      return Optional.empty();
    }
    Optional<SortedMap<PublicKey, Long>> stakes = oracle.votingStakes(target);
    if (stakes.isEmpty()) {
      return Optional.empty();
    }
    BigInteger total = BigInteger.ZERO;
    for (long stake : stakes.get().values()) {
      total = total.add(BigInteger.valueOf(stake));
    }
    if (total.signum() == 0) {
      return Optional.empty();
    }
    Map<Checkpoint, BigInteger> bySource = new HashMap<>();
    for (Vote vote : pool.votesFor(target)) {
      Long stake = stakes.get().get(vote.validator());
      if (stake != null) {
        bySource.merge(vote.source(), BigInteger.valueOf(stake), BigInteger::add);
      }
    }
    List<Checkpoint> sources = new ArrayList<>(bySource.keySet());
    sources.sort(null);
    for (Checkpoint source : sources) {
      BigInteger weight = bySource.get(source);
      if (weight.multiply(BigInteger.valueOf(3)).compareTo(total.shiftLeft(1)) >= 0
          && justified.contains(source)
          && oracle.isAncestorOrSelf(source.block(), target.block())) {
        return Optional.of(source);
      }
    }
    return Optional.empty();
  }
}
