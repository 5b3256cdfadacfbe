package io.consensio.app.reliability;

import java.util.Map;

/**
 * What a process-level chaos run found.
 *
 * @param operations key/value operations invoked
 * @param completed operations that got an answer
 * @param faults faults injected, by kind
 * @param acknowledgedWrites writes the clients saw final
 * @param acknowledgedThenLost acknowledged writes that are not final, in the same block, on every
 *     node after the run healed (must be 0)
 * @param divergentFinalBlocks heights at which two nodes reported different final blocks
 * @param verdict the linearizability checker's verdict on the whole history
 */
public record ChaosReport(
    String consensus,
    int operations,
    int completed,
    Map<String, Integer> faults,
    int acknowledgedWrites,
    int acknowledgedThenLost,
    long divergentFinalBlocks,
    LinearizabilityChecker.Verdict verdict) {

  public boolean passed() {
    return acknowledgedThenLost == 0 && divergentFinalBlocks == 0 && verdict.linearizable();
  }

  public String summary() {
    return String.format(
        "%s: operations %d (%d answered), faults %s, acknowledged writes %d, "
            + "acknowledged-then-lost %d, divergent final blocks %d, verdict: %s",
        consensus,
        operations,
        completed,
        faults,
        acknowledgedWrites,
        acknowledgedThenLost,
        divergentFinalBlocks,
        verdict);
  }
}
