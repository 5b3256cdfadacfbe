package io.consensio.runtime.http;

import io.consensio.api.types.NodeId;
import io.consensio.runtime.node.NodeSpec;
import java.util.List;
import java.util.Objects;

/**
 * What the status endpoint reports about a node that never changes while it runs.
 *
 * @param nodeId this node's membership name
 * @param networkId the chain this node follows (the genesis chain id unless configured otherwise)
 * @param consensusType the {@code consensus.type} the node runs
 * @param peers the other members, in membership order
 */
public record NodeFacts(NodeId nodeId, String networkId, String consensusType, List<NodeId> peers) {
  public NodeFacts {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(networkId, "networkId");
    Objects.requireNonNull(consensusType, "consensusType");
    peers = List.copyOf(peers);
  }

  /** The facts of the node {@code spec} describes; the network id is its genesis chain id. */
  public static NodeFacts of(NodeSpec spec) {
    return new NodeFacts(
        spec.id(),
        spec.genesis().chainId(),
        spec.consensusType(),
        spec.membership().ids().stream().filter(id -> !id.equals(spec.id())).toList());
  }
}
