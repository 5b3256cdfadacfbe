package io.consensio.app.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.app.reliability.CampaignProfiles;
import io.consensio.runtime.node.ConsensusRegistry;
import io.consensio.sim.campaign.CampaignReport;
import io.consensio.sim.campaign.CampaignRunner;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs a CI-sized campaign over one engine and asserts everything the campaign prints. */
final class CampaignAssertions {
  /** Seeds per engine in CI: each a 4-node run with 2 s of faults and a liveness phase. */
  static final int CI_SEEDS = 100;

  private CampaignAssertions() {}

  static void assertSafeAndLive(String engine) {
    CampaignReport report =
        new CampaignRunner(CampaignProfiles.of(engine), ConsensusRegistry.loadDefault())
            .run(1, CI_SEEDS, outcome -> {});
    StringWriter text = new StringWriter();
    report.print(new PrintWriter(text));
    System.out.print(text);

    assertThat(report.seeds()).isEqualTo(CI_SEEDS);
    assertThat(report.byzantineSeeds()).as("seeds with a byzantine node").isPositive();
    assertThat(report.forgedDelivered())
        .as("forged messages that reached honest nodes")
        .isPositive();
    assertThat(report.safetyViolations()).as(text.toString()).isZero();
    assertThat(report.committedTxsLost()).as(text.toString()).isZero();
    assertThat(report.forgedAccepted()).as(text.toString()).isZero();
    assertThat(report.livenessFailures()).as(text.toString()).isZero();
  }
}
