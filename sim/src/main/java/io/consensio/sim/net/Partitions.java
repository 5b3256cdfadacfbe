package io.consensio.sim.net;

import io.consensio.api.types.NodeId;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which links of the simulated network are cut.
 *
 * <p>Two kinds of cut, which may be active together: a symmetric partition into named groups (a
 * node in one group cannot reach a node in another, in either direction; a node in no group reaches
 * everyone, like a bridge), and one-way blocks ({@code from} cannot reach {@code to}, while {@code
 * to} still reaches {@code from}: an asymmetric firewall or a half-broken link). {@link #heal()}
 * removes both. Links are checked when a message is sent; a message already in flight when a cut
 * appears still arrives.
 *
 * <p>Threading: single-threaded.
 */
public final class Partitions {
  private final Map<NodeId, String> groupOf = new HashMap<>();
  private final Set<Link> oneWayBlocks = new HashSet<>();

  /**
   * Splits the network into the named groups, replacing any previous group partition. A node may be
   * in at most one group.
   */
  public void partition(Map<String, ? extends Collection<NodeId>> groups) {
    Map<NodeId, String> next = new HashMap<>();
    for (Map.Entry<String, ? extends Collection<NodeId>> group : new TreeMap<>(groups).entrySet()) {
      for (NodeId node : group.getValue()) {
        String previous = next.put(Objects.requireNonNull(node), group.getKey());
        if (previous != null && !previous.equals(group.getKey())) {
          throw new IllegalArgumentException(
              node + " is in two groups: " + previous + " and " + group.getKey());
        }
      }
    }
    groupOf.clear();
    groupOf.putAll(next);
  }

  /**
   * Cuts every link from a node of {@code from} to a node of {@code to}, in that direction only.
   */
  public void blockOneWay(Collection<NodeId> from, Collection<NodeId> to) {
    for (NodeId f : from) {
      for (NodeId t : to) {
        if (!f.equals(t)) {
          oneWayBlocks.add(new Link(f, t));
        }
      }
    }
  }

  /** Removes every cut. */
  public void heal() {
    groupOf.clear();
    oneWayBlocks.clear();
  }

  /** True when a message from {@code from} to {@code to} is dropped. */
  public boolean isBlocked(NodeId from, NodeId to) {
    if (oneWayBlocks.contains(new Link(from, to))) {
      return true;
    }
    String fromGroup = groupOf.get(from);
    String toGroup = groupOf.get(to);
    return fromGroup != null && toGroup != null && !fromGroup.equals(toGroup);
  }

  /** True when any cut is active. */
  public boolean isActive() {
    return !groupOf.isEmpty() || !oneWayBlocks.isEmpty();
  }

  private record Link(NodeId from, NodeId to) {}
}
