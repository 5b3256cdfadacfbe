package io.consensio.dpos;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.types.Block;
import io.consensio.dpos.schedule.RoundPlanner;
import io.consensio.dpos.schedule.RoundState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The last irreversible block of a branch, by BitShares' rule ("BitShares 2.0", §Last Irreversible
 * Block; graphene {@code update_last_irreversible_block}): a delegate that produces a block
 * confirms that block and every ancestor, so the highest block confirmed by more than two thirds of
 * the current round's delegates can no longer be reverted by honest delegates. With each delegate's
 * highest block on the branch sorted from high to low, the LIB is the height at position {@code
 * floor(2n/3)}: at least {@code floor(2n/3) + 1 > 2n/3} delegates produced at or above it.
 */
final class LastIrreversibleBlock {
  private LastIrreversibleBlock() {}

  /** The branch's LIB when it lies above the finalized head; empty otherwise. */
  static Optional<Block> above(ChainStore chain, RoundPlanner planner, Block head) {
    Block finalized = chain.finalizedHead();
    Optional<RoundState> round = planner.roundOf(head);
    if (round.isEmpty()) {
      return Optional.empty();
    }
    Set<PublicKey> delegates = new HashSet<>(round.get().schedule());
    int needed = 2 * delegates.size() / 3 + 1;
    Map<PublicKey, Long> highest = new HashMap<>();
    List<Block> segment = new ArrayList<>();
    Block cursor = head;
    while (cursor.height() > finalized.height() && highest.size() < delegates.size()) {
      segment.add(cursor);
      PublicKey producer = cursor.header().proposer();
      if (delegates.contains(producer)) {
        highest.putIfAbsent(producer, cursor.height());
      }
      Optional<Block> parent = chain.block(cursor.parent());
      if (parent.isEmpty()) {
        return Optional.empty();
      }
      cursor = parent.get();
    }
    if (highest.size() < needed) {
      return Optional.empty();
    }
    List<Long> heights = new ArrayList<>(highest.values());
    heights.sort((a, b) -> Long.compare(b, a));
    long lib = heights.get(needed - 1);
    for (Block block : segment) {
      if (block.height() == lib) {
        return Optional.of(block);
      }
    }
    return Optional.empty();
  }
}
