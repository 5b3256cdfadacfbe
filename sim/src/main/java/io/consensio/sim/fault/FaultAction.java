package io.consensio.sim.fault;

import io.consensio.api.types.NodeId;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One timed step of a fault timeline; {@code atMicros} is relative to the start of the fault phase.
 * Immutable.
 */
public sealed interface FaultAction {
  long atMicros();

  void applyTo(FaultTarget target);

  record Crash(long atMicros, NodeId node) implements FaultAction {
    public void applyTo(FaultTarget target) {
      target.crash(node);
    }
  }

  record Restart(long atMicros, NodeId node) implements FaultAction {
    public void applyTo(FaultTarget target) {
      target.restart(node);
    }
  }

  record Pause(long atMicros, NodeId node) implements FaultAction {
    public void applyTo(FaultTarget target) {
      target.pause(node);
    }
  }

  record Resume(long atMicros, NodeId node) implements FaultAction {
    public void applyTo(FaultTarget target) {
      target.resume(node);
    }
  }

  /** A symmetric partition; groups and members are kept sorted so the action prints stably. */
  record Partition(long atMicros, SortedMap<String, SortedSet<NodeId>> groups)
      implements FaultAction {
    public Partition {
      SortedMap<String, SortedSet<NodeId>> copy = new TreeMap<>();
      groups.forEach((name, members) -> copy.put(name, new TreeSet<>(members)));
      groups = copy;
    }

    public void applyTo(FaultTarget target) {
      target.partition(Map.copyOf(groups));
    }
  }

  record BlockOneWay(long atMicros, SortedSet<NodeId> from, SortedSet<NodeId> to)
      implements FaultAction {
    public BlockOneWay {
      from = new TreeSet<>(from);
      to = new TreeSet<>(to);
    }

    public void applyTo(FaultTarget target) {
      target.blockOneWay(Set.copyOf(from), Set.copyOf(to));
    }
  }

  record Heal(long atMicros) implements FaultAction {
    public void applyTo(FaultTarget target) {
      target.heal();
    }
  }

  record ClockSkew(long atMicros, NodeId node, long skewMillis) implements FaultAction {
    public void applyTo(FaultTarget target) {
      target.setClockSkew(node, skewMillis);
    }
  }
}
