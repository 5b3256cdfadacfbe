package io.consensio.runtime.ledger;

import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The way from one block of the tree to another: down from {@code from} to their common ancestor,
 * then up to {@code to}. Found by stepping the higher side down until both stand at one height,
 * then both sides together until they meet: O(reorg depth), no index needed.
 *
 * @param reverted blocks leaving the path, newest first (from {@code from} down)
 * @param applied blocks joining it, oldest first (up to {@code to})
 * @param forkPoint the common ancestor
 */
record ForkPath(List<Block> reverted, List<Block> applied, Block forkPoint) {
  /**
   * Both blocks must descend from one root; {@code tree} finds a block by id (the ledger looks in
   * memory, then in its store for old blocks).
   */
  static ForkPath between(Function<Hash, Block> tree, Block from, Block to) {
    List<Block> reverted = new ArrayList<>();
    List<Block> applied = new ArrayList<>();
    Block oldSide = from;
    Block newSide = to;
    while (oldSide.height() > newSide.height()) {
      reverted.add(oldSide);
      oldSide = tree.apply(oldSide.parent());
    }
    while (newSide.height() > oldSide.height()) {
      applied.add(newSide);
      newSide = tree.apply(newSide.parent());
    }
    while (!oldSide.id().equals(newSide.id())) {
      reverted.add(oldSide);
      applied.add(newSide);
      oldSide = tree.apply(oldSide.parent());
      newSide = tree.apply(newSide.parent());
    }
    Collections.reverse(applied);
    return new ForkPath(List.copyOf(reverted), List.copyOf(applied), oldSide);
  }
}
