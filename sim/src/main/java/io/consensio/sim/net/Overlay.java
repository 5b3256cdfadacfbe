package io.consensio.sim.net;

import io.consensio.api.types.NodeId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is connected to whom in a peer-to-peer network, as in Bitcoin where each node dials a handful
 * of outbound peers and accepts inbound ones: a node's broadcast reaches only its neighbours and it
 * cannot send to a node it has no connection to. Engines that relay what they accept (proof of
 * work's block announcements, the mempool's transaction gossip) then flood the network hop by hop,
 * at about {@code n × degree} messages per flood instead of the full mesh's {@code n²}, which is
 * what lets the simulator run a thousand such nodes. BFT engines, which expect every broadcast to
 * reach every member, belong on the full mesh (no overlay).
 *
 * <p>Links are symmetric. The graph is built from the given {@link Random} only, and is made
 * connected (components are chained) so no node is cut off by construction. Immutable.
 */
public final class Overlay {
  private final Map<NodeId, Set<NodeId>> neighbours;

  private Overlay(Map<NodeId, Set<NodeId>> neighbours) {
    this.neighbours = neighbours;
  }

  /** Each node dials {@code outbound} distinct random peers; average degree about twice that. */
  public static Overlay random(List<NodeId> nodes, int outbound, Random random) {
    if (outbound < 1 || outbound >= nodes.size()) {
      throw new IllegalArgumentException(
          "outbound peers must be 1.." + (nodes.size() - 1) + ", got " + outbound);
    }
    Map<NodeId, Set<NodeId>> links = new HashMap<>();
    for (NodeId node : nodes) {
      links.put(node, new TreeSet<>());
    }
    for (NodeId node : nodes) {
      int dialled = 0;
      while (dialled < outbound) {
        NodeId peer = nodes.get(random.nextInt(nodes.size()));
        if (!peer.equals(node) && links.get(node).add(peer)) {
          links.get(peer).add(node);
          dialled++;
        }
      }
    }
    connectComponents(nodes, links);
    Map<NodeId, Set<NodeId>> frozen = new HashMap<>();
    links.forEach((node, set) -> frozen.put(node, Collections.unmodifiableSet(set)));
    return new Overlay(frozen);
  }

  /** Links one node of each further component to the first node's component. */
  private static void connectComponents(List<NodeId> nodes, Map<NodeId, Set<NodeId>> links) {
    Set<NodeId> reached = new HashSet<>();
    NodeId anchor = null;
    for (NodeId start : nodes) {
      if (reached.contains(start)) {
        continue;
      }
      if (anchor != null) {
        links.get(anchor).add(start);
        links.get(start).add(anchor);
      } else {
        anchor = start;
      }
      ArrayDeque<NodeId> queue = new ArrayDeque<>(List.of(start));
      reached.add(start);
      while (!queue.isEmpty()) {
        for (NodeId next : links.get(queue.poll())) {
          if (reached.add(next)) {
            queue.add(next);
          }
        }
      }
    }
  }

  /** The nodes {@code node} is connected to, in name order. */
  public Set<NodeId> neighbours(NodeId node) {
    Set<NodeId> set = neighbours.get(node);
    if (set == null) {
      throw new IllegalArgumentException(node + " is not in the overlay");
    }
    return set;
  }

  public boolean connected(NodeId a, NodeId b) {
    Set<NodeId> set = neighbours.get(a);
    return set != null && set.contains(b);
  }

  /** The mean number of neighbours per node. */
  public double averageDegree() {
    return neighbours.values().stream().mapToInt(Set::size).average().orElse(0);
  }

  /** Nodes in the overlay, in name order. */
  public List<NodeId> nodes() {
    return new ArrayList<>(new TreeSet<>(neighbours.keySet()));
  }
}
