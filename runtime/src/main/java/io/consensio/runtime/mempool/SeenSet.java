package io.consensio.runtime.mempool;

import io.consensio.api.types.Hash;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded set of recently seen transaction ids, oldest forgotten first. It is what stops gossip:
 * a node forwards a transaction only the first time it sees it.
 */
final class SeenSet {
  private final LinkedHashMap<Hash, Boolean> ids;

  SeenSet(int capacity) {
    this.ids =
        new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Hash, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  void add(Hash id) {
    ids.put(id, Boolean.TRUE);
  }

  boolean contains(Hash id) {
    return ids.containsKey(id);
  }
}
