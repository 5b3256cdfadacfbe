package io.consensio.sim.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.sim.byzantine.ByzantineBehaviour;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScenarioGeneratorTest {
  private static final CampaignProfile BFT =
      new CampaignProfile("pbft", 4, 2_000, 10_000, 10, null, 1_000_000, 1, true);
  private static final CampaignProfile CFT =
      new CampaignProfile("raft", 4, 2_000, 10_000, 10, null, 1_000_000, 1, false);

  @Test
  void aSeedNamesItsWholeScenario() {
    for (long seed = 1; seed <= 50; seed++) {
      assertThat(ScenarioGenerator.draw(BFT, seed)).isEqualTo(ScenarioGenerator.draw(BFT, seed));
    }
  }

  @Test
  void drawsStayInTheirRangesAndCoverEveryFaultKind() {
    Set<String> seen = new HashSet<>();
    for (long seed = 1; seed <= 300; seed++) {
      SeedScenario s = ScenarioGenerator.draw(BFT, seed);
      assertThat(s.faults().loss()).isBetween(0.0, 0.30);
      assertThat(s.byzantine()).hasSizeLessThanOrEqualTo(1);
      if (s.faults().duplication() > 0) seen.add("dup");
      if (s.faults().reordering() > 0) seen.add("reorder");
      if (s.faults().partitions()) seen.add("partition");
      if (s.faults().crashes()) seen.add("crash");
      if (s.faults().pauses()) seen.add("pause");
      if (s.faults().clockSkew()) seen.add("skew");
      for (ByzantineBehaviour b : s.byzantine().values()) {
        if (b.twin()) seen.add("twin");
        if (b.withhold() > 0) seen.add("withhold");
        if (b.delay() > 0) seen.add("delay");
        if (b.replay() > 0) seen.add("replay");
        if (b.forge() > 0) seen.add("forge");
      }
    }
    assertThat(seen)
        .containsExactlyInAnyOrder(
            "dup",
            "reorder",
            "partition",
            "crash",
            "pause",
            "skew",
            "twin",
            "withhold",
            "delay",
            "replay",
            "forge");
  }

  @Test
  void crashTolerantEnginesNeverGetTwins() {
    for (long seed = 1; seed <= 300; seed++) {
      assertThat(ScenarioGenerator.draw(CFT, seed).byzantine().values())
          .noneMatch(ByzantineBehaviour::twin);
    }
  }
}
