package io.consensio.sim.check;

import io.consensio.api.types.NodeId;

/**
 * One broken invariant, as observed at virtual time {@code timeMicros} on {@code node}.
 *
 * @param kind {@link Kind#SAFETY} for divergence, reverted finality or double execution; {@link
 *     Kind#COMMITTED_TX_LOST} for one final transaction a node can no longer find
 * @param description human-readable: which blocks, heights and nodes are involved
 */
public record Violation(
    long timeMicros, String invariant, NodeId node, Kind kind, String description) {
  public enum Kind {
    SAFETY,
    COMMITTED_TX_LOST
  }

  @Override
  public String toString() {
    return "[" + invariant + " @" + timeMicros + "us on " + node + "] " + description;
  }
}
