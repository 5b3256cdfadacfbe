package io.consensio.sim.check;

import io.consensio.api.ledger.ChainStore;
import io.consensio.api.types.NodeId;

/**
 * A property every node's ledger must keep, checked by observing the node's {@link ChainStore}
 * only. Implementations are incremental: they remember how far they have checked each node, so a
 * check costs what changed since the last one, not the length of the chain.
 *
 * <p>Invariants must only read the chain store. They may keep state across a node's restarts (that
 * is how durability is checked): {@link #onRestart} tells them the node's ledger was reopened.
 * Single-threaded, called by {@link InvariantMonitor}.
 */
public interface Invariant {
  String name();

  /** Examines a running node. */
  void check(NodeId node, ChainStore chain, ViolationSink sink);

  /**
   * {@code node} crashed and came back with a reopened ledger: what it had made durable must be
   * there again.
   */
  default void onRestart(NodeId node) {}
}
