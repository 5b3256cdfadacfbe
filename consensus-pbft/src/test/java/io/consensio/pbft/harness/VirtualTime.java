package io.consensio.pbft.harness;

import io.consensio.api.services.Cancellable;
import io.consensio.api.services.Scheduler;
import java.util.PriorityQueue;

/** One manual clock for a whole test cluster; timers fire only when the test advances time. */
public final class VirtualTime {
  private final class Timer implements Cancellable {
    final long due;
    final long order;
    final int owner;
    final Runnable task;
    boolean cancelled;

    Timer(long due, long order, int owner, Runnable task) {
      this.due = due;
      this.order = order;
      this.owner = owner;
      this.task = task;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  private final PriorityQueue<Timer> timers =
      new PriorityQueue<>(
          (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.order, b.order));
  private long now = 1_000;
  private long order;

  public long now() {
    return now;
  }

  /** A scheduler for node {@code owner}; its timers can be discarded with {@link #cancelAll}. */
  public Scheduler schedulerFor(int owner) {
    return new Scheduler() {
      @Override
      public long nowMillis() {
        return now;
      }

      @Override
      public Cancellable schedule(long delayMillis, Runnable task) {
        Timer t = new Timer(now + Math.max(0, delayMillis), order++, owner, task);
        timers.add(t);
        return t;
      }
    };
  }

  public void cancelAll(int owner) {
    timers.forEach(
        t -> {
          if (t.owner == owner) {
            t.cancelled = true;
          }
        });
  }

  /** Fires, in order, every timer due within {@code millis} from now; returns how many fired. */
  public int advance(long millis) {
    long until = now + millis;
    int fired = 0;
    while (!timers.isEmpty() && timers.peek().due <= until) {
      Timer t = timers.poll();
      if (t.cancelled) {
        continue;
      }
      now = Math.max(now, t.due);
      t.task.run();
      fired++;
    }
    now = until;
    return fired;
  }
}
