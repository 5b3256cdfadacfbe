package io.consensio.sim.byzantine;

import io.consensio.api.crypto.Verifier;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.metrics.InMemoryMetrics;
import io.consensio.runtime.net.InboundHandler;
import io.consensio.runtime.net.PeerMessenger;
import io.consensio.sim.time.SimScheduler;
import java.util.Set;

/**
 * Where a simulation lets byzantine behaviour into its network layer, generically for every engine:
 * the adversary decorates what a node sends, what it receives and how it verifies signatures, and
 * may give a node a twin (a second engine instance with the same identity and key).
 *
 * <p>The simulation excludes {@link #byzantine()} nodes from its invariant checks and from client
 * routing: safety and liveness are properties of the honest nodes. {@link #NONE} changes nothing.
 *
 * <p>Threading: single-threaded, called by the simulation while it assembles and runs nodes.
 */
public interface Adversary {
  Adversary NONE = new Adversary() {};

  /** Nodes that may lie; the simulation checks only the others. */
  default Set<NodeId> byzantine() {
    return Set.of();
  }

  /** Byzantine nodes that run a second engine instance sharing their identity and key. */
  default Set<NodeId> twinned() {
    return Set.of();
  }

  /**
   * What instance {@code instance} (0 the node itself, 1 its twin) of {@code node} sends with;
   * {@code real} is the node's connection to the simulated network.
   */
  default PeerMessenger outbound(
      NodeId node, int instance, SimScheduler scheduler, PeerMessenger real) {
    return real;
  }

  /**
   * What receives {@code node}'s messages: {@code core} is the node's own handler, {@code twin} its
   * twin's (null when it has none), {@code metrics} the node's metrics (they survive restarts).
   */
  default InboundHandler inbound(
      NodeId node, InboundHandler core, InboundHandler twin, InMemoryMetrics metrics) {
    return core;
  }

  /** The signature verifier {@code node}'s engine and ledger use. */
  default Verifier verifier(NodeId node, Verifier real) {
    return real;
  }
}
