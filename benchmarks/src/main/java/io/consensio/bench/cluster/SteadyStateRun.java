package io.consensio.bench.cluster;

/**
 * A closed-loop measurement of a cluster in its steady state: a warm-up of one window, then further
 * warm-up for {@code warmUpSeconds} (the JIT keeps compiling the hot paths of four nodes for tens
 * of seconds; measured sooner, a run counts the compiler's CPU as the cluster's), then the measured
 * run, sized from the warm-up rate to last about {@code seconds}.
 */
final class SteadyStateRun {
  private SteadyStateRun() {}

  /** Hook between warm-up and measurement (e.g. to read CPU counters). */
  interface BeforeMeasuring {
    void run() throws Exception;
  }

  static LoadResult measure(
      ConsensioTarget target,
      TransactionFactory transactions,
      ClosedLoopDriver driver,
      int warmUpSeconds,
      int seconds,
      BeforeMeasuring beforeMeasuring)
      throws Exception {
    int window = driver.window();
    target.load(transactions.next(window));
    LoadResult warmUp = driver.run(target, window, 300);
    int warmUpOperations = (int) (warmUp.opsPerSecond() * warmUpSeconds);
    if (warmUpOperations > 0) {
      target.load(transactions.next(warmUpOperations));
      warmUp = driver.run(target, warmUpOperations, 600);
    }
    int operations = (int) Math.max(window, warmUp.opsPerSecond() * seconds);
    target.load(transactions.next(operations));
    beforeMeasuring.run();
    return driver.run(target, operations, 600);
  }
}
