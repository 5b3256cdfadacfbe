package io.consensio.api;

import io.consensio.api.types.NodeId;
import java.util.Map;
import java.util.Optional;

/**
 * What an engine reports about itself for the status API and the simulator's checks.
 *
 * @param role e.g. {@code leader}, {@code follower}, {@code primary}, {@code miner}, {@code
 *     delegate}
 * @param roundName what {@code round} counts: {@code term}, {@code view}, {@code slot}, ...
 * @param round the current term / view / slot / round
 * @param leader the node this engine believes leads, when the algorithm has one
 * @param details further figures (commit index, stable checkpoint, difficulty), rendered as JSON
 */
public record EngineStatus(
    String role,
    String roundName,
    long round,
    Optional<NodeId> leader,
    Map<String, Object> details) {
  public EngineStatus {
    details = Map.copyOf(details);
  }
}
