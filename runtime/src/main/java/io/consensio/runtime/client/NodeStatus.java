package io.consensio.runtime.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.api.types.Hash;
import java.util.List;
import java.util.Optional;

/**
 * A node's {@code /v1/status} answer: who it is, what its engine reports and how far its chain is.
 *
 * @param leader the node the engine believes leads, when the algorithm has one
 * @param engineDetails the engine's further figures, as it reported them
 * @param peers the other members of the node's membership
 */
public record NodeStatus(
    String nodeId,
    String networkId,
    String consensusType,
    String role,
    String roundName,
    long round,
    Optional<String> leader,
    JsonNode engineDetails,
    long headHeight,
    Hash headId,
    long finalizedHeight,
    Hash finalizedId,
    int mempoolSize,
    List<String> peers) {}
