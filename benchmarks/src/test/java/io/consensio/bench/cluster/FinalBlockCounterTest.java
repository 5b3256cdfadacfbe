package io.consensio.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FinalBlockCounterTest {
  @Test
  void sumsTheFinalHeightGainedInEachInvocationAndRestartsEachIteration() {
    FinalBlockCounter counter = new FinalBlockCounter();
    counter.reset();
    counter.countBetween(10, 14);
    counter.countBetween(14, 14);
    counter.countBetween(20, 23);
    assertThat(counter.blocks).isEqualTo(7);

    counter.reset();
    counter.countBetween(23, 24);
    assertThat(counter.blocks).isEqualTo(1);
  }

  @Test
  void aFinalHeightThatWentBackIsAnErrorNotANegativeCount() {
    FinalBlockCounter counter = new FinalBlockCounter();
    assertThatThrownBy(() -> counter.countBetween(9, 8)).hasMessageContaining("reverted");
    assertThat(counter.blocks).isZero();
  }
}
