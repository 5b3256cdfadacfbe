package io.consensio.dpos.schedule;

import io.consensio.api.Membership;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.dpos.seal.DposSeal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Decides, for any branch of the block tree, which round a slot belongs to and who produces it.
 *
 * <p>Rounds follow BitShares 2.0's witness schedule ("BitShares 2.0: Financial Smart Contract
 * Platform", §Delegated Proof of Stake): each round every delegate owns exactly one slot, in a
 * shuffled order; a missed slot stays empty and the next delegate builds on the last block. Round 0
 * starts at slot 1. Round r+1 starts where round r ends, at {@code start + size}. The record of a
 * round is computed when the first block of the round is cut, from the <em>boundary block</em>: the
 * last block before the round on that branch, whose state decides the election ({@link Election})
 * and whose id seeds the shuffle. If whole rounds pass without a block, they all share that
 * boundary and elect the same delegates; the first block lands in the round that contains its slot.
 *
 * <p>Opening a round also settles the previous one: each of its delegates either produced in its
 * slot (a block on this branch) or missed it; delegates of skipped rounds missed one slot per
 * skipped round. The counters travel in the round record, so they are part of the chain.
 *
 * <p>Event-loop thread only; the answers depend only on the block tree, never on time.
 */
public final class RoundPlanner {
  /** Who owns a slot on top of some parent, and whether a block there opens a new round. */
  public record Assignment(RoundState round, boolean opensRound) {}

  private final ChainStore chain;
  private final Membership membership;
  private final int maxDelegates;
  private final SlotClock clock;
  private final Map<Hash, Optional<RoundState>> roundCache;

  public RoundPlanner(
      ChainStore chain, Membership membership, int maxDelegates, SlotClock clock, int cacheSize) {
    this.chain = chain;
    this.membership = membership;
    this.maxDelegates = maxDelegates;
    this.clock = clock;
    this.roundCache =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Hash, Optional<RoundState>> eldest) {
            return size() > cacheSize;
          }
        };
  }

  public SlotClock clock() {
    return clock;
  }

  /** The slot of a block in the tree: 0 for genesis, the slot its timestamp starts otherwise. */
  public long slotOf(Block block) {
    return block.height() == 0 ? 0 : clock.slotAt(block.header().timestampMillis());
  }

  /** The seal of a block already in the tree (its seal was checked when it was imported). */
  public static DposSeal sealOf(Block block) {
    try {
      return DposSeal.decode(block.header().seal());
    } catch (DecodingException e) {
      throw new IllegalStateException("a block in the tree has no DPoS seal: " + block, e);
    }
  }

  /** The round {@code block} belongs to on its branch; empty for genesis. */
  public Optional<RoundState> roundOf(Block block) {
    List<Hash> visited = new ArrayList<>();
    Block cursor = block;
    Optional<RoundState> found;
    while (true) {
      Optional<RoundState> cached = roundCache.get(cursor.id());
      if (cached != null) {
        found = cached;
        break;
      }
      visited.add(cursor.id());
      if (cursor.height() == 0) {
        found = Optional.empty();
        break;
      }
      Optional<RoundState> carried = sealOf(cursor).roundState();
      if (carried.isPresent()) {
        found = carried;
        break;
      }
      Hash parent = cursor.parent();
      cursor =
          chain
              .block(parent)
              .orElseThrow(() -> new IllegalStateException("missing ancestor " + parent));
    }
    for (Hash id : visited) {
      roundCache.put(id, found);
    }
    return found;
  }

  /** Who owns {@code slot} (after {@code parent}'s slot) on top of {@code parent}. */
  public Assignment assign(Block parent, LedgerState parentState, long slot) {
    Optional<RoundState> current = roundOf(parent);
    if (current.isPresent() && current.get().containsSlot(slot)) {
      return new Assignment(current.get(), false);
    }
    return new Assignment(openRound(parent, parentState, slot), true);
  }

  /**
   * The record of the round containing {@code slot}, opened by a block on top of {@code parent}.
   */
  RoundState openRound(Block parent, LedgerState parentState, long slot) {
    Optional<RoundState> previous = roundOf(parent);
    long nextStart = previous.map(RoundState::endSlot).orElse(1L);
    long nextRound = previous.map(r -> r.round() + 1).orElse(0L);
    if (slot < nextStart) {
      throw new IllegalArgumentException("slot " + slot + " lies before round " + nextRound);
    }
    Set<PublicKey> produced = new HashSet<>();
    for (Block block : blocksOfRound(parent)) {
      produced.add(block.header().proposer());
    }
    List<PublicKey> elected = Election.elect(parentState, membership, maxDelegates);
    long skipped = (slot - nextStart) / elected.size();
    long round = nextRound + skipped;
    long start = nextStart + skipped * elected.size();
    SortedMap<PublicKey, ProducerStats> stats = new TreeMap<>();
    if (previous.isPresent()) {
      RoundState prev = previous.get();
      for (PublicKey delegate : prev.schedule()) {
        boolean filled = produced.contains(delegate);
        stats.put(
            delegate,
            prev.stats()
                .getOrDefault(delegate, ProducerStats.ZERO)
                .plus(filled ? 1 : 0, filled ? 0 : 1));
      }
      for (PublicKey delegate : elected) {
        ProducerStats base =
            stats.getOrDefault(delegate, prev.stats().getOrDefault(delegate, ProducerStats.ZERO));
        stats.put(delegate, base.plus(0, skipped));
      }
    } else {
      for (PublicKey delegate : elected) {
        stats.put(delegate, ProducerStats.ZERO.plus(0, skipped));
      }
    }
    List<PublicKey> schedule = ShuffleStream.shuffle(elected, parent.id(), round);
    return new RoundState(round, start, schedule, stats);
  }

  /**
   * The blocks of {@code last}'s round on its branch, from {@code last} back to the block that
   * opened the round (at most one per slot, so at most the round's size); empty for genesis.
   */
  public List<Block> blocksOfRound(Block last) {
    List<Block> blocks = new ArrayList<>();
    Block cursor = last;
    while (cursor.height() > 0) {
      blocks.add(cursor);
      if (sealOf(cursor).roundState().isPresent()) {
        break;
      }
      Hash parent = cursor.parent();
      cursor =
          chain
              .block(parent)
              .orElseThrow(() -> new IllegalStateException("missing ancestor " + parent));
    }
    return blocks;
  }

  /**
   * Every delegate's counters on the branch ending at {@code head}: the round record's figures plus
   * the current round up to the head's slot (a slot before it without a block counts as missed).
   */
  public SortedMap<PublicKey, ProducerStats> statsAt(Block head) {
    Optional<RoundState> current = roundOf(head);
    if (current.isEmpty()) {
      return new TreeMap<>();
    }
    RoundState round = current.get();
    Set<PublicKey> produced = new HashSet<>();
    for (Block block : blocksOfRound(head)) {
      produced.add(block.header().proposer());
    }
    SortedMap<PublicKey, ProducerStats> stats = new TreeMap<>(round.stats());
    for (long slot = round.startSlot(); slot <= slotOf(head); slot++) {
      PublicKey delegate = round.producerOf(slot);
      boolean filled = produced.contains(delegate);
      stats.put(
          delegate,
          stats.getOrDefault(delegate, ProducerStats.ZERO).plus(filled ? 1 : 0, filled ? 0 : 1));
    }
    return stats;
  }
}
