package io.consensio.api.services;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs CPU-heavy work (a proof-of-work nonce search, a batch of signature checks) off the event
 * loop and hands the result back on it. An engine never starts threads itself; it asks this
 * service, which a real node backs with a worker pool and the simulator with a cost model: there
 * the task runs at once and its result is delivered after {@code workUnits} divided by the node's
 * simulated speed, so a thousand simulated miners cost no more wall time than their tasks' real
 * work.
 *
 * <p>Tasks must be self-contained: they may not touch engine state, only their inputs, and they
 * must be deterministic functions of those inputs.
 */
public interface Compute {
  /**
   * Runs {@code task}; {@code onDone} receives its result on the event loop unless cancelled first.
   *
   * @param workUnits the task's cost in the engine's own unit (hashes for PoW), for the simulator
   */
  <T> Cancellable submit(long workUnits, Callable<T> task, Consumer<T> onDone);

  /** How many tasks can make progress at once (worker threads in a real node). */
  int parallelism();

  /**
   * Runs tasks on the event loop itself, delivering each result as a separate event: no
   * parallelism, for engines whose work is light and for tests.
   */
  static Compute inline(Scheduler scheduler) {
    return new Compute() {
      @Override
      public <T> Cancellable submit(long workUnits, Callable<T> task, Consumer<T> onDone) {
        boolean[] cancelled = {false};
        Cancellable scheduled =
            scheduler.schedule(
                0,
                () -> {
                  if (cancelled[0]) {
                    return;
                  }
                  T result;
                  try {
                    result = task.call();
                  } catch (Exception e) {
                    throw new IllegalStateException("compute task failed", e);
                  }
                  onDone.accept(result);
                });
        return () -> {
          cancelled[0] = true;
          scheduled.cancel();
        };
      }

      @Override
      public int parallelism() {
        return 1;
      }
    };
  }
}
