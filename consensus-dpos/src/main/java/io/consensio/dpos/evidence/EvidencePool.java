package io.consensio.dpos.evidence;

import io.consensio.api.crypto.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Verified double-production evidence waiting to be carried into a block, one proof per accused
 * delegate, at most {@code capacity} delegates. Proofs leave once the chain has forfeited the
 * accused. Event-loop thread only.
 */
public final class EvidencePool {
  private final int capacity;
  private final TreeMap<PublicKey, DoubleProduction> pending = new TreeMap<>();

  public EvidencePool(int capacity) {
    this.capacity = capacity;
  }

  /** Adds a verified proof; returns true when it accuses a delegate not accused before. */
  public boolean add(DoubleProduction evidence) {
    if (pending.containsKey(evidence.producer()) || pending.size() >= capacity) {
      return false;
    }
    pending.put(evidence.producer(), evidence);
    return true;
  }

  /**
   * Forgets proofs against {@code forfeited} delegates (settled for good) and returns up to {@code
   * max} of the others, in key order, skipping those {@code carried} in blocks not yet settled.
   */
  public List<DoubleProduction> unapplied(
      Set<PublicKey> forfeited, Set<PublicKey> carried, int max) {
    pending.keySet().removeAll(forfeited);
    List<DoubleProduction> out = new ArrayList<>();
    for (DoubleProduction evidence : pending.values()) {
      if (out.size() == max) {
        break;
      }
      if (!carried.contains(evidence.producer())) {
        out.add(evidence);
      }
    }
    return out;
  }

  public int size() {
    return pending.size();
  }
}
