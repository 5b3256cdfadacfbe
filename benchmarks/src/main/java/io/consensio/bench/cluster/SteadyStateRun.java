package io.consensio.bench.cluster;

/**
 * A closed-loop measurement of a cluster in its steady state: a warm-up of one window, then further
 * warm-up for {@code warmUpSeconds} (the JIT keeps compiling the hot paths of four nodes for tens
 * of seconds; measured sooner, a run counts the compiler's CPU as the cluster's), then the measured
 * run, sized from the warm-up rate to last about {@code seconds}.
 */
final class SteadyStateRun {
  /** How long the measured run may take to settle. */
  static final long TIMEOUT_SECONDS = 600;

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
    int warmUpOperations = (int) (warmUp.opsPerSecond() * warmUpSeconds);
    if (warmUpOperations > 0) {
      target.load(transactions.next(warmUpOperations));
      warmUp = driver.run(target, warmUpOperations, TIMEOUT_SECONDS);
    }
    int operations = (int) Math.max(window, warmUp.opsPerSecond() * seconds);
    target.load(transactions.next(operations));
    return operations;
  }
}
