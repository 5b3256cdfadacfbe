package io.consensio.raft.harness;

import io.consensio.api.services.Cancellable;
import io.consensio.api.services.Scheduler;
import java.util.PriorityQueue;

/**
 * Virtual time shared by every node of a test cluster. Tasks run only when the test advances the
 * clock, in due-time order, ties in scheduling order — the {@link Scheduler} contract.
 */
public final class ManualClock {
  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>(
          (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
  private long now = 1_000;
  private long seq;

  private static final class Task {
    final long due;
    final long seq;
    final Object owner;
    final Runnable body;
    boolean cancelled;

    Task(long due, long seq, Object owner, Runnable body) {
      this.due = due;
      this.seq = seq;
      this.owner = owner;
      this.body = body;
    }
  }

  public long now() {
    return now;
  }

  /** A scheduler for one node incarnation; {@link #cancelOwner} drops its tasks on a crash. */
  public Scheduler scheduler(Object owner) {
    return new Scheduler() {
      @Override
      public long nowMillis() {
        return now;
      }

      @Override
      public Cancellable schedule(long delayMillis, Runnable body) {
        Task t = new Task(now + Math.max(0, delayMillis), seq++, owner, body);
        tasks.add(t);
        return () -> t.cancelled = true;
      }
    };
  }

  public void cancelOwner(Object owner) {
    tasks.forEach(
        t -> {
          if (t.owner == owner) {
            t.cancelled = true;
          }
        });
  }

  /**
   * Runs the next task due at or before {@code limit}, moving time to its due time; false when
   * none.
   */
  public boolean runNext(long limit) {
    while (!tasks.isEmpty() && tasks.peek().cancelled) {
      tasks.poll();
    }
    if (tasks.isEmpty() || tasks.peek().due > limit) {
      return false;
    }
    Task t = tasks.poll();
    now = Math.max(now, t.due);
    t.body.run();
    return true;
  }

  public void setNow(long time) {
    now = Math.max(now, time);
  }
}
