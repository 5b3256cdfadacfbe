package io.consensio.bench.cluster;

import java.util.Locale;

/**
 * A closed-loop measurement of a cluster in its steady state: a warm-up of one window, then at
 * least {@code warmUpSeconds} more, continued in {@link #STEP_SECONDS} steps until the JIT compiler
 * has settled ({@link JitActivity} below {@link #SETTLED_JIT_SHARE} over a step) or {@link
 * #MAX_WARM_UP_SECONDS} have passed; then the measured run, sized from the last warm-up rate to
 * last about {@code seconds}.
 *
 * <p>Why the JIT decides: four nodes' hot paths take the compiler minutes, not seconds. A signed
 * PBFT cluster measured after 40 s of warm-up still had its compiler threads at 14 µs of CPU per
 * committed transaction and its event loops at 419 µs; after 90 s, 5 and 371 µs (session 6, {@code
 * CpuBreakdownRun}). A fixed warm-up long enough for every engine would waste minutes on the quick
 * ones and still guess.
 */
final class SteadyStateRun {
  /** How long the measured run may take to settle. */
  static final long TIMEOUT_SECONDS = 600;

  /** Length of each warm-up step after the first {@code warmUpSeconds}. */
  static final int STEP_SECONDS = 10;

  /** The compiler's share of wall time (one compiler thread = 1.0) below which the run is warm. */
  static final double SETTLED_JIT_SHARE = 0.02;

  /** Warm-up stops here even if the compiler has not settled, and says so. */
  static final int MAX_WARM_UP_SECONDS = 300;

  private SteadyStateRun() {}

  /**
   * Runs the warm-up, then loads the measured run's transactions into {@code target} and returns
   * how many there are; the caller starts the measured run with {@code driver.run(target, count,
   * TIMEOUT_SECONDS)}, after reading whatever counters it compares.
   */
  static int warmUpAndLoad(
      ConsensioTarget target,
      TransactionFactory transactions,
      ClosedLoopDriver driver,
      int warmUpSeconds,
      int seconds)
      throws InterruptedException {
    int window = driver.window();
    target.load(transactions.next(window));
    LoadResult warmUp = driver.run(target, window, 300);
    JitActivity jit = new JitActivity();
    int warmedSeconds = 0;
    int step = warmUpSeconds;
    double jitShare = Double.NaN;
    while (step > 0) {
      int operations = (int) Math.max(1, warmUp.opsPerSecond() * step);
      target.load(transactions.next(operations));
      warmUp = driver.run(target, operations, TIMEOUT_SECONDS);
      warmedSeconds += step;
      jitShare = jit.shareSinceLastLook();
      boolean settled = !jit.isMeasurable() || jitShare < SETTLED_JIT_SHARE;
      step = settled ? 0 : Math.min(STEP_SECONDS, MAX_WARM_UP_SECONDS - warmedSeconds);
      System.out.printf(
          Locale.ROOT,
          "   warm-up to %d s: %,.0f ops/s, JIT compiling %.1f%% of the time%n",
          warmedSeconds,
          warmUp.opsPerSecond(),
          100 * jitShare);
    }
    if (warmedSeconds > 0 && !(jitShare < SETTLED_JIT_SHARE)) {
      System.out.printf(
          Locale.ROOT,
          "   warm-up ended at %d s with the JIT still compiling %.1f%% of the time%n",
          warmedSeconds,
          100 * jitShare);
    }
    int operations = (int) Math.max(window, warmUp.opsPerSecond() * seconds);
    target.load(transactions.next(operations));
    return operations;
  }
}
