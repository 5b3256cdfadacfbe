package io.consensio.runtime.http;

import io.consensio.api.types.NodeId;
import io.consensio.runtime.node.NodeSpec;
import java.util.Objects;

/**
 * What the status endpoint reports about a node that never changes while it runs.
 *
 * @param nodeId this node's membership name
 * @param networkId the chain this node follows (the genesis chain id unless configured otherwise)
 * @param consensusType the {@code consensus.type} the node runs
 */
public record NodeFacts(NodeId nodeId, String networkId, String consensusType) {
  public NodeFacts {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(networkId, "networkId");
    Objects.requireNonNull(consensusType, "consensusType");
  }

  /** The facts of the node {@code spec} describes; the network id is its genesis chain id. */
  public static NodeFacts of(NodeSpec spec) {
    return new NodeFacts(spec.id(), spec.genesis().chainId(), spec.consensusType());
  }
}
