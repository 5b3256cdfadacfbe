package io.consensio.sim.check;

import io.consensio.api.types.NodeId;

/** Where an {@link Invariant} reports what it found; the monitor adds time and invariant name. */
@FunctionalInterface
public interface ViolationSink {
  void report(Violation.Kind kind, NodeId node, String description);

  default void safety(NodeId node, String description) {
    report(Violation.Kind.SAFETY, node, description);
  }
}
