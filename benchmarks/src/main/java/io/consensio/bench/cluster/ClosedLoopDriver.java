package io.consensio.bench.cluster;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load: at most {@code window} operations in flight; whenever some commit, as many
 * new ones are submitted (in one call to the target, so a burst of commits is refilled by one
 * submission). Latency is measured per operation from just before its submission to its commit
 * notification.
 *
 * <p>Threading: {@link #run} is called on the driver thread; outcome callbacks arrive on the
 * target's threads and only touch thread-safe fields.
 */
public final class ClosedLoopDriver {
  private final int window;

  public ClosedLoopDriver(int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be positive");
    }
    this.window = window;
  }

  public int window() {
    return window;
  }

  /**
   * Submits operations {@code 0 .. operations - 1} to {@code target} and waits for all of them.
   *
   * @throws IllegalStateException when they do not all settle within {@code timeoutSeconds}
   */
  public LoadResult run(CommitTarget target, int operations, long timeoutSeconds)
      throws InterruptedException {
    long[] startedNanos = new long[operations];
    long[] latencyNanos = new long[operations];
    Semaphore permits = new Semaphore(window);
    CountDownLatch settled = new CountDownLatch(operations);
    AtomicLong failed = new AtomicLong();
    AtomicLong lastCommitNanos = new AtomicLong();
    ConcurrentLinkedQueue<String> failureReasons = new ConcurrentLinkedQueue<>();
    CommitTarget.Outcomes outcomes =
        new CommitTarget.Outcomes() {
          @Override
          public void committed(int index) {
            long now = System.nanoTime();
            latencyNanos[index] = now - startedNanos[index];
            lastCommitNanos.accumulateAndGet(now, Math::max);
            permits.release();
            settled.countDown();
          }

          @Override
          public void failed(int index, String reason) {
            latencyNanos[index] = -1;
            if (failed.incrementAndGet() <= 5) {
              failureReasons.add(reason);
            }
            permits.release();
            settled.countDown();
          }
        };
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    long start = System.nanoTime();
    int next = 0;
    while (next < operations) {
      if (!permits.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
        throw new IllegalStateException(
            "no operation committed for too long: "
                + (operations - settled.getCount())
                + " of "
                + operations
                + " settled after "
                + timeoutSeconds
                + " s; failures: "
                + failureReasons);
      }
      int count = 1 + permits.drainPermits();
      count = Math.min(count, operations - next);
      long now = System.nanoTime();
      for (int i = next; i < next + count; i++) {
        startedNanos[i] = now;
      }
      target.submit(next, count, outcomes);
      next += count;
    }
    if (!settled.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
      throw new IllegalStateException(
          (operations - settled.getCount())
              + " of "
              + operations
              + " operations settled within "
              + timeoutSeconds
              + " s; failures: "
              + failureReasons);
    }
    long committed = operations - failed.get();
    long[] committedLatencies = Arrays.stream(latencyNanos).filter(l -> l >= 0).sorted().toArray();
    double seconds = (Math.max(lastCommitNanos.get(), start) - start) / 1e9;
    return new LoadResult(
        committed,
        failed.get(),
        seconds,
        percentile(committedLatencies, 50) / 1000.0,
        percentile(committedLatencies, 99) / 1000.0);
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
