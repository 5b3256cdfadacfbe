package io.consensio.pow.sync;

import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Blocks whose parent is not known yet, held while the parent is fetched (Bitcoin Core kept such a
 * pool, {@code mapOrphanBlocks}, until headers-first sync). Bounded: when full, the oldest entry
 * goes, so a peer flooding orphans costs memory only up to the bound. Event-loop only.
 */
public final class OrphanPool {
  private final int capacity;
  private final LinkedHashMap<Hash, Block> byId = new LinkedHashMap<>();

  public OrphanPool(int capacity) {
    this.capacity = capacity;
  }

  /** Adds {@code block}; returns false when it was already held. */
  public boolean add(Block block) {
    if (byId.containsKey(block.id())) {
      return false;
    }
    byId.put(block.id(), block);
    if (byId.size() > capacity) {
      Iterator<Map.Entry<Hash, Block>> eldest = byId.entrySet().iterator();
      eldest.next();
      eldest.remove();
    }
    return true;
  }

  public boolean contains(Hash id) {
    return byId.containsKey(id);
  }

  /** Removes and returns the held children of {@code parent}, oldest first. */
  public List<Block> takeChildren(Hash parent) {
    List<Block> children = new ArrayList<>();
    for (Iterator<Block> it = byId.values().iterator(); it.hasNext(); ) {
      Block block = it.next();
      if (block.parent().equals(parent)) {
        children.add(block);
        it.remove();
      }
    }
    return children;
  }

  /** The id of the oldest missing ancestor of {@code block}: the parent of its held root. */
  public Hash missingAncestor(Block block) {
    Block cursor = block;
    int guard = byId.size();
    while (byId.containsKey(cursor.parent()) && guard-- > 0) {
      cursor = byId.get(cursor.parent());
    }
    return cursor.parent();
  }

  /** Drops orphans at or below {@code height}: they could only attach below finality. */
  public void dropAtOrBelow(long height) {
    byId.values().removeIf(b -> b.height() <= height);
  }

  public int size() {
    return byId.size();
  }
}
