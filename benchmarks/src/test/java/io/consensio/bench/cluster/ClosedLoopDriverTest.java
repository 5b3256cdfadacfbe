package io.consensio.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClosedLoopDriverTest {
  private final ExecutorService committer = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    committer.shutdownNow();
  }

  /** Commits every operation on another thread; fails those whose index is a multiple of 10. */
  private final class RecordingTarget implements CommitTarget {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger submitted = new AtomicInteger();
    final boolean failSome;

    RecordingTarget(boolean failSome) {
      this.failSome = failSome;
    }

    @Override
    public void submit(int first, int count, Outcomes outcomes) {
      for (int i = first; i < first + count; i++) {
        submitted.incrementAndGet();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        int index = i;
        committer.execute(
            () -> {
              inFlight.decrementAndGet();
              if (failSome && index % 10 == 0) {
                outcomes.failed(index, "refused");
              } else {
                outcomes.committed(index);
              }
            });
      }
    }
  }

  @Test
  void neverHasMoreThanTheWindowInFlightAndSettlesEveryOperation() throws InterruptedException {
    RecordingTarget target = new RecordingTarget(false);

    LoadResult result = new ClosedLoopDriver(7).run(target, 1_000, 30);

    assertThat(result.committed()).isEqualTo(1_000);
    assertThat(result.failed()).isZero();
    assertThat(target.submitted.get()).isEqualTo(1_000);
    assertThat(target.maxInFlight.get()).isBetween(1, 7);
    assertThat(result.p99Micros()).isGreaterThanOrEqualTo(result.p50Micros());
  }

  @Test
  void countsRefusedOperationsApartFromCommittedOnes() throws InterruptedException {
    LoadResult result = new ClosedLoopDriver(16).run(new RecordingTarget(true), 100, 30);

    assertThat(result.failed()).isEqualTo(10);
    assertThat(result.committed()).isEqualTo(90);
  }

  @Test
  void aTargetThatNeverCommitsEndsTheRunWithAnError() {
    CommitTarget silent = (first, count, outcomes) -> {};

    assertThatThrownBy(() -> new ClosedLoopDriver(2).run(silent, 10, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("0 of 10");
  }
}
