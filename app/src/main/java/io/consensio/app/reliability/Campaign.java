package io.consensio.app.reliability;

import io.consensio.runtime.node.ConsensusRegistry;
import io.consensio.sim.campaign.CampaignProfile;
import io.consensio.sim.campaign.CampaignReport;
import io.consensio.sim.campaign.CampaignRunner;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the simulation campaign over one engine or all of them and prints the figures: {@code seeds,
 * steps, safety violations, committed transactions lost, forged messages accepted, liveness
 * failures} per engine, then each failing seed with the command that replays it.
 */
public final class Campaign {
  private Campaign() {}

  /**
   * @param engine an engine name, or {@code all}
   * @param seedsPerEngine seeds to run per engine
   * @param firstSeed the first seed; seeds are consecutive
   */
  public static List<CampaignReport> run(
      String engine, int seedsPerEngine, long firstSeed, PrintWriter out) {
    List<String> engines = engine.equals("all") ? CampaignProfiles.names() : List.of(engine);
    ConsensusRegistry registry = ConsensusRegistry.loadDefault();
    List<CampaignReport> reports = new ArrayList<>();
    for (String name : engines) {
      CampaignProfile profile = CampaignProfiles.of(name);
      long started = System.nanoTime();
      CampaignReport report =
          new CampaignRunner(profile, registry).run(firstSeed, seedsPerEngine, outcome -> {});
      report.print(out);
      out.printf("  (%.1f s wall clock)%n", (System.nanoTime() - started) / 1e9);
      out.flush();
      reports.add(report);
    }
    return reports;
  }
}
