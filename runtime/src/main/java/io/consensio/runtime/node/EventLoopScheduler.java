package io.consensio.runtime.node;

import io.consensio.api.services.Cancellable;
import io.consensio.api.services.Metrics;
import io.consensio.api.services.Scheduler;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A real node's event loop: one thread that runs every task touching the node core — engine timers,
 * inbound peer messages, HTTP API requests — so the core never needs a lock. It is both the {@link
 * Scheduler} an engine sees (wall-clock {@link #nowMillis()}) and the {@link Executor} other
 * threads hand work to.
 *
 * <p>Order: tasks run in order of their due time, ties in order of submission (the contract of
 * {@link Scheduler}), which {@link ScheduledThreadPoolExecutor} provides with one thread.
 *
 * <p>A task that throws is a bug in that task; it is logged and counted in {@code
 * eventloop.task.error} and the loop carries on, so one bad input never stops the node.
 *
 * <p>After {@link #close()}: {@link #schedule} drops the task (an engine arming a timer while the
 * node shuts down is normal and needs no error), while {@link #execute} throws {@link
 * RejectedExecutionException} as the {@link Executor} contract says, so a caller waiting for an
 * answer learns the node is gone.
 */
public final class EventLoopScheduler implements Scheduler, Executor, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(EventLoopScheduler.class.getName());

  private final ScheduledThreadPoolExecutor loop;
  private final Metrics metrics;
  private volatile Thread thread;

  /**
   * @param threadName the loop thread's name, e.g. {@code node-1-loop}
   * @param metrics where failed tasks are counted
   */
  public EventLoopScheduler(String threadName, Metrics metrics) {
    this.metrics = metrics;
    this.loop =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread t = new Thread(runnable, threadName);
              t.setDaemon(true);
              thread = t;
              return t;
            });
    // a cancelled timer must not sit in the queue until its due time (PBFT view timers are long)
    loop.setRemoveOnCancelPolicy(true);
    loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  @Override
  public long nowMillis() {
    return System.currentTimeMillis();
  }

  @Override
  public Cancellable schedule(long delayMillis, Runnable task) {
    ScheduledFuture<?> future;
    try {
      future = loop.schedule(guarded(task), Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      return () -> {};
    }
    return () -> future.cancel(false);
  }

  /**
   * Runs {@code task} on the loop as soon as possible, after tasks already due.
   *
   * @throws RejectedExecutionException after {@link #close()}
   */
  @Override
  public void execute(Runnable task) {
    loop.execute(guarded(task));
  }

  /** True when called on the loop thread itself. */
  public boolean inEventLoop() {
    return Thread.currentThread() == thread;
  }

  /** The loop as a plain {@link ScheduledExecutorService}, for code that needs that type. */
  public ScheduledExecutorService asExecutorService() {
    return loop;
  }

  /**
   * Stops taking tasks, drops pending timers, lets the running task finish and waits for the thread
   * to end (up to five seconds; a task that runs longer is interrupted).
   */
  @Override
  public void close() {
    loop.shutdown();
    try {
      if (!loop.awaitTermination(5, TimeUnit.SECONDS)) {
        loop.shutdownNow();
      }
    } catch (InterruptedException e) {
      loop.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        metrics.increment("eventloop.task.error");
        LOG.log(System.Logger.Level.ERROR, "an event-loop task failed", e);
      }
    };
  }
}
