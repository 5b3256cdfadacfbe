package io.consensio.sim.check;

import java.util.List;

/**
 * What the invariant checkers found in a run.
 *
 * @param checks node checks performed (one per running node per {@link InvariantMonitor#check})
 * @param safetyViolations distinct safety violations (agreement, finality, double execution, state
 *     roots); lost transactions are counted separately
 * @param committedTxsLost final transactions a node could no longer find
 * @param violations the violations kept for reading, oldest first (at most {@link
 *     InvariantMonitor#MAX_KEPT_VIOLATIONS})
 */
public record InvariantReport(
    long checks, long safetyViolations, long committedTxsLost, List<Violation> violations) {
  public InvariantReport {
    violations = List.copyOf(violations);
  }

  public boolean isClean() {
    return safetyViolations == 0 && committedTxsLost == 0;
  }

  /** One line per violation kept, after a headline; what a failed run prints next to its seed. */
  public String summary() {
    StringBuilder text =
        new StringBuilder()
            .append(checks)
            .append(" checks, ")
            .append(safetyViolations)
            .append(" safety violations, ")
            .append(committedTxsLost)
            .append(" committed transactions lost");
    for (Violation violation : violations) {
      text.append('\n').append("  ").append(violation);
    }
    return text.toString();
  }
}
