package io.consensio.sim.campaign;

import io.consensio.api.types.NodeId;
import io.consensio.sim.Simulation;
import io.consensio.sim.byzantine.ByzantineBehaviour;
import io.consensio.sim.fault.FaultPlan;
import io.consensio.sim.random.SeedTree;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Draws each seed's fault mix from one generator seeded by the seed alone, so a seed names its
 * whole scenario and replays it: message loss uniform in 0-30%, duplication and reordering each in
 * half the seeds, each timed fault (partitions, symmetric or one-way; crash-restart losing unsynced
 * writes; pauses; clock skew) in half the seeds, and 0 to {@link CampaignProfile#maxByzantine()}
 * byzantine nodes, each with a random subset of lies (at least one).
 */
public final class ScenarioGenerator {
  private ScenarioGenerator() {}

  public static SeedScenario draw(CampaignProfile profile, long seed) {
    Random random = new SeedTree(seed).random("campaign/scenario");
    double loss = round(random.nextDouble() * 0.30);
    double dup = random.nextBoolean() ? round(random.nextDouble() * 0.05) : 0;
    double reorder = random.nextBoolean() ? round(random.nextDouble() * 0.30) : 0;
    FaultPlan faults =
        new FaultPlan(
            loss,
            dup,
            reorder,
            random.nextBoolean(),
            random.nextBoolean(),
            random.nextBoolean(),
            random.nextBoolean());
    int byzantineCount = random.nextInt(profile.maxByzantine() + 1);
    List<NodeId> candidates = new ArrayList<>();
    for (int i = 0; i < profile.nodes(); i++) {
      candidates.add(Simulation.nodeId(i));
    }
    Collections.shuffle(candidates, random);
    SortedMap<NodeId, ByzantineBehaviour> byzantine = new TreeMap<>();
    for (int i = 0; i < byzantineCount; i++) {
      byzantine.put(candidates.get(i), behaviour(random, profile.equivocation()));
    }
    return new SeedScenario(seed, faults, byzantine);
  }

  private static ByzantineBehaviour behaviour(Random random, boolean equivocation) {
    while (true) {
      double withhold = random.nextBoolean() ? round(random.nextDouble() * 0.5) : 0;
      double delay = random.nextBoolean() ? round(random.nextDouble() * 0.5) : 0;
      long maxDelay = 50 + random.nextInt(1_950);
      double replay = random.nextBoolean() ? round(random.nextDouble() * 0.2) : 0;
      double forge = random.nextBoolean() ? round(0.05 + random.nextDouble() * 0.45) : 0;
      boolean twin = equivocation && random.nextBoolean();
      if (withhold > 0 || delay > 0 || replay > 0 || forge > 0 || twin) {
        return new ByzantineBehaviour(withhold, delay, maxDelay, replay, forge, twin);
      }
    }
  }

  /** Two decimals, so the mix prints as it is. */
  private static double round(double p) {
    return Math.round(p * 100) / 100.0;
  }
}
