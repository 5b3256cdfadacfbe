package io.consensio.app.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One algorithm at one cluster size on a devnet of real node processes.
 *
 * @param settings the engine section the nodes ran with
 * @param blocksProduced blocks the nodes produced over both phases (PoW, PoS, DPoS), -1 otherwise
 * @param canonicalBlocks how far the observer's head advanced over both phases
 * @param staleRate share of produced blocks not on the observer's chain, -1 where not counted
 * @param viewChanges Raft leader elections or PBFT view changes during the run, -1 for others
 * @param safetyViolations distinct blocks the nodes hold at their lowest common finalized height,
 *     beyond one (0 = the finalized chains agree)
 * @param error why the run produced no figures (then both phases are null), or null
 */
public record ClusterResult(
    String algorithm,
    int nodes,
    JsonNode settings,
    PhaseResult open,
    PhaseResult closed,
    long blocksProduced,
    long canonicalBlocks,
    double staleRate,
    long viewChanges,
    int safetyViolations,
    double wallSeconds,
    String error) {

  /** A run that failed before it could measure. */
  static ClusterResult failed(String algorithm, int nodes, JsonNode settings, String error) {
    return new ClusterResult(algorithm, nodes, settings, null, null, -1, 0, -1, -1, 0, 0, error);
  }
}
