package io.consensio.runtime.node;

import io.consensio.api.services.Cancellable;
import io.consensio.api.services.Compute;
import io.consensio.api.services.Metrics;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A real node's {@link Compute}: tasks run on a fixed pool of worker threads and their results are
 * handed back to the node's event loop. A cancelled task is interrupted if running and its result
 * is never delivered.
 */
public final class ThreadPoolCompute implements Compute, AutoCloseable {
  private final ExecutorService workers;
  private final Executor eventLoop;
  private final Metrics metrics;
  private final int threads;

  public ThreadPoolCompute(int threads, Executor eventLoop, Metrics metrics, String name) {
    if (threads < 1) {
      throw new IllegalArgumentException("a compute pool needs at least one thread");
    }
    this.threads = threads;
    this.eventLoop = eventLoop;
    this.metrics = metrics;
    AtomicInteger counter = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, name + "-compute-" + counter.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public <T> Cancellable submit(long workUnits, Callable<T> task, Consumer<T> onDone) {
    AtomicBoolean cancelled = new AtomicBoolean();
    Future<?> future =
        workers.submit(
            () -> {
              T result;
              try {
                result = task.call();
              } catch (Exception e) {
                metrics.increment("compute.task.failed", "exception", e.getClass().getSimpleName());
                return;
              }
              eventLoop.execute(
                  () -> {
                    if (!cancelled.get()) {
                      onDone.accept(result);
                    }
                  });
            });
    return () -> {
      cancelled.set(true);
      future.cancel(true);
    };
  }

  @Override
  public int parallelism() {
    return threads;
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
