package io.consensio.pos.sync;

import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Blocks whose parent is not known yet, held while the ancestors are fetched and imported when the
 * parent arrives. Bounded: beyond {@code capacity} blocks the oldest arrival is dropped (it will be
 * fetched again by catch-up if it matters). Event-loop thread only.
 */
public final class OrphanPool {
  private final int capacity;
  private final LinkedHashMap<Hash, Block> byId = new LinkedHashMap<>();
  private final Map<Hash, Set<Hash>> byParent = new HashMap<>();

  public OrphanPool(int capacity) {
    this.capacity = capacity;
  }

  /** Holds {@code block}; returns false if it was already held. */
  public boolean add(Block block) {
    if (byId.containsKey(block.id())) {
      return false;
    }
    while (byId.size() >= capacity) {
      Iterator<Block> eldest = byId.values().iterator();
      remove(eldest.next());
    }
    byId.put(block.id(), block);
    byParent.computeIfAbsent(block.parent(), p -> new HashSet<>()).add(block.id());
    return true;
  }

  /** Removes and returns the held children of {@code parent}. */
  public List<Block> takeChildren(Hash parent) {
    Set<Hash> children = byParent.remove(parent);
    List<Block> result = new ArrayList<>();
    if (children != null) {
      for (Hash id : children) {
        Block child = byId.remove(id);
        if (child != null) {
          result.add(child);
        }
      }
    }
    result.sort((a, b) -> a.id().compareTo(b.id()));
    return result;
  }

  /** Drops orphans at or below {@code height}: they can only extend forks below finality. */
  public void pruneAtOrBelow(long height) {
    List<Block> stale = new ArrayList<>();
    for (Block block : byId.values()) {
      if (block.height() <= height) {
        stale.add(block);
      }
    }
    stale.forEach(this::remove);
  }

  public int size() {
    return byId.size();
  }

  private void remove(Block block) {
    byId.remove(block.id());
    Set<Hash> siblings = byParent.get(block.parent());
    if (siblings != null) {
      siblings.remove(block.id());
      if (siblings.isEmpty()) {
        byParent.remove(block.parent());
      }
    }
  }
}
