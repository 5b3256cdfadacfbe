package io.consensio.sim.campaign;

import io.consensio.api.types.NodeId;
import io.consensio.sim.byzantine.ByzantineBehaviour;
import io.consensio.sim.fault.FaultPlan;
import java.util.SortedMap;

/**
 * The fault mix one seed drew: the network and timed faults, and which nodes are byzantine doing
 * what. Immutable.
 */
public record SeedScenario(
    long seed, FaultPlan faults, SortedMap<NodeId, ByzantineBehaviour> byzantine) {
  public SeedScenario {
    byzantine = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(byzantine));
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("faults ").append(faults);
    byzantine.forEach((node, b) -> text.append("; byzantine ").append(node).append(": ").append(b));
    return text.toString();
  }
}
