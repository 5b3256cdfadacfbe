package io.consensio.dpos.evidence;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.LedgerState;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Verified double-production evidence waiting for a delegate to put it on the chain, one proof per
 * accused key, at most {@code capacity} keys. A proof stays until the final state shows the accused
 * slashed — not merely the head state, whose block could still be abandoned for a branch without
 * the proof. Event-loop thread only.
 */
public final class EvidencePool {
  private final int capacity;
  private final TreeMap<PublicKey, DoubleProduction> pending = new TreeMap<>();

  public EvidencePool(int capacity) {
    this.capacity = capacity;
  }

  /** Adds a verified proof; returns true when it accuses a key not accused before. */
  public boolean add(DoubleProduction evidence) {
    if (pending.containsKey(evidence.producer()) || pending.size() >= capacity) {
      return false;
    }
    pending.put(evidence.producer(), evidence);
    return true;
  }

  /** Forgets proofs against keys that {@code finalState}, the LIB's state, shows slashed. */
  public void settle(LedgerState finalState) {
    pending.keySet().removeIf(finalState::isSlashed);
  }

  /**
   * Up to {@code max} proofs, in key order, against keys {@code head} (the state a block is built
   * on) does not show slashed: on that branch they still need to go on the chain.
   */
  public List<DoubleProduction> unsettled(LedgerState head, int max) {
    List<DoubleProduction> out = new ArrayList<>();
    for (DoubleProduction evidence : pending.values()) {
      if (out.size() == max) {
        break;
      }
      if (!head.isSlashed(evidence.producer())) {
        out.add(evidence);
      }
    }
    return out;
  }

  public int size() {
    return pending.size();
  }
}
