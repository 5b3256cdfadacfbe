package io.consensio.sim.campaign;

import io.consensio.api.types.NodeId;
import io.consensio.runtime.node.ConsensusRegistry;
import io.consensio.sim.Simulation;
import io.consensio.sim.SimulationConfig;
import io.consensio.sim.SimulationResult;
import io.consensio.sim.byzantine.ByzantineAdversary;
import io.consensio.sim.byzantine.ForgeryLedger;
import io.consensio.sim.random.SeedTree;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a simulation campaign: for each seed, draws its scenario ({@link ScenarioGenerator}), runs
 * the engine under it with the invariant checkers watching the honest nodes, then a liveness phase
 * with every fault healed (byzantine nodes keep lying), and records a {@link SeedOutcome}.
 *
 * <p>Each seed is an independent deterministic run, so the same profile and seed replay the same
 * outcome. Single-threaded.
 */
public final class CampaignRunner {
  private final CampaignProfile profile;
  private final ConsensusRegistry registry;

  public CampaignRunner(CampaignProfile profile, ConsensusRegistry registry) {
    this.profile = profile;
    this.registry = registry;
  }

  /** Runs seeds {@code firstSeed .. firstSeed + count - 1}, reporting each to {@code progress}. */
  public CampaignReport run(long firstSeed, int count, Consumer<SeedOutcome> progress) {
    List<SeedOutcome> outcomes = new ArrayList<>();
    for (long seed = firstSeed; seed < firstSeed + count; seed++) {
      SeedOutcome outcome = runSeed(seed);
      outcomes.add(outcome);
      progress.accept(outcome);
    }
    return new CampaignReport(profile.consensus(), outcomes);
  }

  /** One seed, start to end. */
  public SeedOutcome runSeed(long seed) {
    SeedScenario scenario = ScenarioGenerator.draw(profile, seed);
    SimulationConfig base = SimulationConfig.of(profile.consensus(), profile.nodes(), seed);
    SimulationConfig config =
        base.withFaults(scenario.faults())
            .withDurations(profile.faultPhaseMillis(), profile.settleMillis())
            .withLoad(base.load().withRate(profile.ratePerSecond()))
            .withConsensusSection(profile.consensusSection())
            .withComputeUnitsPerSecond(profile.computeUnitsPerSecond());
    List<NodeId> members = new ArrayList<>();
    for (int i = 0; i < profile.nodes(); i++) {
      members.add(Simulation.nodeId(i));
    }
    ByzantineAdversary adversary =
        new ByzantineAdversary(
            scenario.byzantine(), members, new SeedTree(seed).child("campaign/adversary"));
    Simulation simulation = new Simulation(config, registry, adversary);
    SimulationResult result = simulation.run();
    simulation
        .nodes()
        .forEach(
            (id, node) -> {
              if (!scenario.byzantine().containsKey(id) && node.core() != null) {
                adversary.scanChain(id, node.core().chain());
              }
            });
    ForgeryLedger forgeries = adversary.forgeries();
    List<String> details = new ArrayList<>(result.violations());
    details.addAll(forgeries.acceptedDescriptions());
    if (!result.isLive()) {
      details.add(
          result.pendingTxs()
              + " of "
              + result.submittedTxs()
              + " transactions not final after the "
              + profile.settleMillis()
              + " ms liveness phase (honest heights "
              + result.minHeight()
              + ".."
              + result.height()
              + ")");
    }
    return new SeedOutcome(
        profile.consensus(),
        seed,
        scenario,
        result.events(),
        result.safetyViolations(),
        result.committedTxsLost(),
        forgeries.sent(),
        forgeries.delivered(),
        forgeries.accepted(),
        new long[] {
          forgeries.refusedBySignature(),
          forgeries.droppedAndCounted(),
          forgeries.ignoredUncounted()
        },
        result.isLive(),
        result.pendingTxs(),
        details);
  }
}
