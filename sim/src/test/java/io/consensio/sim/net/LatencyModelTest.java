package io.consensio.sim.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyModelTest {
  private static long[] sorted(LatencyModel model, int n) {
    Random random = new Random(1);
    long[] samples = new long[n];
    for (int i = 0; i < n; i++) {
      samples[i] = model.sampleMicros(random);
    }
    Arrays.sort(samples);
    return samples;
  }

  @Test
  void fixedAlwaysGivesItsValue() {
    assertThat(sorted(LatencyModel.fixed(250), 100)).containsOnly(250);
  }

  @Test
  void uniformStaysInItsBoundsAndCoversThem() {
    long[] samples = sorted(LatencyModel.uniform(100, 200), 10_000);
    assertThat(samples[0]).isBetween(100L, 102L);
    assertThat(samples[samples.length - 1]).isBetween(198L, 200L);
  }

  @Test
  void logNormalHasTheConfiguredMedianAndP99() {
    long[] samples = sorted(LatencyModel.logNormal(10_000, 80_000), 50_000);

    assertThat(samples[samples.length / 2]).isBetween(9_500L, 10_500L);
    assertThat(samples[(int) (samples.length * 0.99)]).isBetween(70_000L, 90_000L);
    assertThat(samples[samples.length - 1]).isLessThanOrEqualTo(800_000L);
  }

  @Test
  void rejectsImpossibleParameters() {
    assertThatThrownBy(() -> LatencyModel.fixed(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LatencyModel.uniform(5, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LatencyModel.logNormal(100, 50))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NetworkModel.reliable(LatencyModel.fixed(1)).withLoss(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loss");
  }
}
