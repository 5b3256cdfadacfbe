package io.consensio.sim.check;

import io.consensio.api.ledger.ChainStore;
import io.consensio.api.types.Block;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Walks a block's ancestry, which is how invariants read a chain without trusting its indexes. */
final class FinalAncestry {
  private FinalAncestry() {}

  /**
   * {@code top} and its ancestors with height above {@code aboveHeight}, oldest first. Stops early
   * at an ancestor the store no longer holds (pruned, or below an installed snapshot).
   */
  static List<Block> above(ChainStore chain, Block top, long aboveHeight) {
    List<Block> blocks = new ArrayList<>();
    Block block = top;
    while (block.height() > aboveHeight) {
      blocks.add(block);
      if (block.height() == 0) {
        break;
      }
      Optional<Block> parent = chain.block(block.parent());
      if (parent.isEmpty()) {
        break;
      }
      block = parent.get();
    }
    Collections.reverse(blocks);
    return blocks;
  }
}
