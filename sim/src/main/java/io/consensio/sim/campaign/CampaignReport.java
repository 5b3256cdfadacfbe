package io.consensio.sim.campaign;

import java.io.PrintWriter;
import java.util.List;

/** The figures of a campaign over one engine, and its failing seeds. Immutable. */
public record CampaignReport(String consensus, List<SeedOutcome> outcomes) {
  public CampaignReport {
    outcomes = List.copyOf(outcomes);
  }

  public int seeds() {
    return outcomes.size();
  }

  public long steps() {
    return outcomes.stream().mapToLong(SeedOutcome::steps).sum();
  }

  public long safetyViolations() {
    return outcomes.stream().mapToLong(SeedOutcome::safetyViolations).sum();
  }

  public long committedTxsLost() {
    return outcomes.stream().mapToLong(SeedOutcome::committedTxsLost).sum();
  }

  public long forgedSent() {
    return outcomes.stream().mapToLong(SeedOutcome::forgedSent).sum();
  }

  public long forgedDelivered() {
    return outcomes.stream().mapToLong(SeedOutcome::forgedDelivered).sum();
  }

  public long forgedAccepted() {
    return outcomes.stream().mapToLong(SeedOutcome::forgedAccepted).sum();
  }

  /** Forged deliveries answered by a signature check, a counted drop, or silently ignored. */
  public long[] forgedAnswers() {
    long[] sum = new long[3];
    for (SeedOutcome o : outcomes) {
      for (int i = 0; i < 3; i++) {
        sum[i] += o.forgedAnswers()[i];
      }
    }
    return sum;
  }

  public long livenessFailures() {
    return outcomes.stream().filter(o -> !o.live()).count();
  }

  /** Seeds with byzantine nodes among them. */
  public long byzantineSeeds() {
    return outcomes.stream().filter(o -> !o.scenario().byzantine().isEmpty()).count();
  }

  public List<SeedOutcome> failures() {
    return outcomes.stream().filter(SeedOutcome::failed).toList();
  }

  /** True when no seed broke safety, lost a committed transaction or had a forgery accepted. */
  public boolean isSafe() {
    return safetyViolations() == 0 && committedTxsLost() == 0 && forgedAccepted() == 0;
  }

  /** The summary line and the failing seeds, each with its replay command. */
  public void print(PrintWriter out) {
    out.printf(
        "%s: seeds %d, steps %d, safety violations %d, committed transactions lost %d, "
            + "forged messages accepted %d (of %d delivered), liveness failures %d%n",
        consensus,
        seeds(),
        steps(),
        safetyViolations(),
        committedTxsLost(),
        forgedAccepted(),
        forgedDelivered(),
        livenessFailures());
    long[] answers = forgedAnswers();
    out.printf(
        "  forged deliveries: %d refused by a signature check, %d dropped and counted, "
            + "%d ignored uncounted (stale or already known)%n",
        answers[0], answers[1], answers[2]);
    for (SeedOutcome failure : failures()) {
      out.printf(
          "  FAILED seed %d (%s): replay with %s%n",
          failure.seed(), failure.scenario(), failure.replayCommand());
      failure.details().stream().limit(5).forEach(d -> out.println("    " + d));
    }
    out.flush();
  }
}
