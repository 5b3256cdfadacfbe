package io.consensio.sim;

import io.consensio.api.services.Cancellable;
import io.consensio.api.services.Compute;
import io.consensio.api.services.Scheduler;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The simulator's {@link Compute}: a task runs at once, on the simulation thread, and its result
 * arrives after {@code workUnits / unitsPerSecond} of virtual time. A node's speed is therefore a
 * parameter of the run (e.g. a miner's hash rate), not of the machine running the simulation.
 */
final class SimCompute implements Compute {
  private final Scheduler scheduler;
  private final double unitsPerSecond;
  private final int parallelism;

  SimCompute(Scheduler scheduler, double unitsPerSecond, int parallelism) {
    if (!(unitsPerSecond > 0) || parallelism < 1) {
      throw new IllegalArgumentException(
          "simulated compute needs a positive speed and parallelism");
    }
    this.scheduler = scheduler;
    this.unitsPerSecond = unitsPerSecond;
    this.parallelism = parallelism;
  }

  @Override
  public <T> Cancellable submit(long workUnits, Callable<T> task, Consumer<T> onDone) {
    T result;
    try {
      result = task.call();
    } catch (Exception e) {
      throw new IllegalStateException("compute task failed", e);
    }
    long delayMillis = Math.round(Math.max(0, workUnits) * 1_000.0 / unitsPerSecond);
    return scheduler.schedule(delayMillis, () -> onDone.accept(result));
  }

  @Override
  public int parallelism() {
    return parallelism;
  }
}
