package io.consensio.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FreePortsTest {
  @Test
  void distinctPortsAreDistinctAndBelowTheEphemeralRange() {
    for (int round = 0; round < 20; round++) {
      int[] ports = FreePorts.pickDistinct("127.0.0.1", 40);
      assertThat(ports).hasSize(40);
      assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(40);
      assertThat(Arrays.stream(ports).min().getAsInt()).isGreaterThanOrEqualTo(FreePorts.LOWEST);
      assertThat(Arrays.stream(ports).max().getAsInt()).isLessThan(FreePorts.HIGHEST_EXCLUSIVE);
    }
  }
}
