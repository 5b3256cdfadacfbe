package io.consensio.runtime.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
  private static final long MS = 1_000_000;

  @Test
  void delaysDoubleWithJitterInTheUpperHalfUntilTheCap() {
    ReconnectBackoff backoff =
        new ReconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(1_000));
    long[] ceilings = {100, 200, 400, 800, 1_000, 1_000, 1_000};

    for (long ceiling : ceilings) {
      assertThat(backoff.nextDelayNanos()).isBetween(ceiling * MS / 2, ceiling * MS);
    }
  }

  @Test
  void manyFailuresNeverOverflowPastTheCap() {
    ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(30));
    for (int i = 0; i < 200; i++) {
      long delay = backoff.nextDelayNanos();
      // From the 10th failure on, 100 ms * 2^9 = 51 s is already above the 30 s cap.
      if (i >= 9) {
        assertThat(delay).as("attempt %d", i).isBetween(15_000 * MS, 30_000 * MS);
      }
    }
  }

  @Test
  void resetStartsAgainFromTheMinimum() {
    ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(30));
    for (int i = 0; i < 10; i++) {
      backoff.nextDelayNanos();
    }
    backoff.reset();

    assertThat(backoff.nextDelayNanos()).isBetween(50 * MS, 100 * MS);
  }
}
