package io.consensio.dpos.sync;

import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Blocks that arrived before their parent, kept until the parent is imported. Bounded: when full,
 * the block held longest is forgotten (it will be fetched again by catch-up if it matters), so a
 * peer flooding unconnectable blocks costs at most {@code capacity} blocks of memory. Event-loop
 * thread only.
 */
public final class OrphanPool {
  private final int capacity;
  private final LinkedHashMap<Hash, Block> byId = new LinkedHashMap<>();
  private final Map<Hash, List<Hash>> byParent = new HashMap<>();

  public OrphanPool(int capacity) {
    this.capacity = capacity;
  }

  /** Keeps {@code block}; returns false if it was already held. */
  public boolean add(Block block) {
    if (byId.containsKey(block.id())) {
      return false;
    }
    if (byId.size() >= capacity) {
      Iterator<Block> oldest = byId.values().iterator();
      Block evicted = oldest.next();
      oldest.remove();
      unlink(evicted);
    }
    byId.put(block.id(), block);
    byParent.computeIfAbsent(block.parent(), p -> new ArrayList<>()).add(block.id());
    return true;
  }

  /** Removes and returns the held children of {@code parent}. */
  public List<Block> takeChildren(Hash parent) {
    List<Hash> ids = byParent.remove(parent);
    List<Block> children = new ArrayList<>();
    if (ids != null) {
      for (Hash id : ids) {
        Block child = byId.remove(id);
        if (child != null) {
          children.add(child);
        }
      }
    }
    return children;
  }

  /** Forgets orphans at or below {@code height}: they can no longer join the chain. */
  public void dropAtOrBelow(long height) {
    for (Iterator<Block> it = byId.values().iterator(); it.hasNext(); ) {
      Block block = it.next();
      if (block.height() <= height) {
        it.remove();
        unlink(block);
      }
    }
  }

  public int size() {
    return byId.size();
  }

  private void unlink(Block block) {
    List<Hash> siblings = byParent.get(block.parent());
    if (siblings != null) {
      siblings.remove(block.id());
      if (siblings.isEmpty()) {
        byParent.remove(block.parent());
      }
    }
  }
}
