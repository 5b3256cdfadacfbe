package io.consensio.sim.campaign;

import java.util.List;

/**
 * What one seed of a campaign found.
 *
 * @param steps events the simulation executed
 * @param safetyViolations distinct safety violations among the honest nodes
 * @param committedTxsLost final transactions an honest node lost
 * @param forgedSent forged messages the byzantine nodes sent
 * @param forgedDelivered forged messages that reached an honest engine
 * @param forgedAccepted forged messages an honest engine acted on
 * @param forgedAnswers how honest engines answered the forged messages delivered to them: refused
 *     by a signature check, dropped and counted, or ignored without a count
 * @param live every submitted transaction became final in the liveness phase
 * @param pendingTxs transactions still not final at the end
 * @param details violations and accepted forgeries, for the report
 */
public record SeedOutcome(
    String consensus,
    long seed,
    SeedScenario scenario,
    long steps,
    long safetyViolations,
    long committedTxsLost,
    long forgedSent,
    long forgedDelivered,
    long forgedAccepted,
    long[] forgedAnswers,
    boolean live,
    long pendingTxs,
    List<String> details) {
  public SeedOutcome {
    details = List.copyOf(details);
    forgedAnswers = forgedAnswers.clone();
  }

  public boolean failed() {
    return safetyViolations > 0 || committedTxsLost > 0 || forgedAccepted > 0 || !live;
  }

  /** The shell command that runs this seed again, alone. */
  public String replayCommand() {
    return "./consensio simulate --campaign --engine "
        + consensus
        + " --first-seed "
        + seed
        + " --seeds 1";
  }
}
