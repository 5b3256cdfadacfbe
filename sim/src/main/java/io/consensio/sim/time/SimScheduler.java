package io.consensio.sim.time;

import io.consensio.api.services.Cancellable;
import io.consensio.api.services.Scheduler;
import io.consensio.api.types.NodeId;
import io.consensio.sim.trace.TraceRecorder;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One simulated node's event loop and clock, on top of the shared {@link EventQueue}.
 *
 * <p>The node's clock reads virtual time plus a settable skew ({@link #setClockSkewMillis}), so
 * nodes can disagree about the time the way real machines do; a skew change can move the clock
 * backwards, as an NTP step does.
 *
 * <p>The scheduler also models the node's process: {@link State#RUNNING}, {@link State#PAUSED} (a
 * stopped process or a long GC pause: nothing runs, tasks and inputs that fall due wait and run in
 * due order on {@link #resume()}) and {@link State#CRASHED}. Every task belongs to the incarnation
 * that scheduled it; {@link #crash()} starts a new incarnation, which silently discards every
 * pending task of the old one, exactly as a killed process loses its timers. While crashed, nothing
 * can be scheduled: the node's code is not running. {@link #restart()} brings the node back; the
 * orchestrator then builds the node's new objects, which schedule their own tasks.
 *
 * <p>Threading: single-threaded, driven by the event queue.
 */
public final class SimScheduler implements Scheduler {
  /** The node's process state. */
  public enum State {
    RUNNING,
    PAUSED,
    CRASHED
  }

  private final NodeId node;
  private final EventQueue queue;
  private final TraceRecorder trace;
  private final Set<Task> pending = new LinkedHashSet<>();
  private final ArrayDeque<Task> heldWhilePaused = new ArrayDeque<>();
  private State state = State.RUNNING;
  private long incarnation;
  private long clockSkewMillis;
  private long discardedTasks;

  public SimScheduler(NodeId node, EventQueue queue, TraceRecorder trace) {
    this.node = Objects.requireNonNull(node, "node");
    this.queue = Objects.requireNonNull(queue, "queue");
    this.trace = Objects.requireNonNull(trace, "trace");
  }

  public NodeId node() {
    return node;
  }

  @Override
  public long nowMillis() {
    return Math.floorDiv(queue.nowMicros(), 1000) + clockSkewMillis;
  }

  /** Virtual time in microseconds, without this node's skew. */
  public long virtualMicros() {
    return queue.nowMicros();
  }

  public long clockSkewMillis() {
    return clockSkewMillis;
  }

  /** Sets how far this node's clock is ahead of (positive) or behind (negative) virtual time. */
  public void setClockSkewMillis(long skewMillis) {
    this.clockSkewMillis = skewMillis;
    trace.record(queue.nowMicros(), node, "clock-skew", skewMillis);
  }

  /**
   * Runs {@code task} after {@code delayMillis} of virtual time. A negative delay is treated as 0
   * (an engine computing "deadline minus now" under a skewed clock may produce one); a delay too
   * large to represent never falls due. While crashed, the task is discarded and the returned
   * handle does nothing.
   */
  @Override
  public Cancellable schedule(long delayMillis, Runnable task) {
    long delayMicros =
        delayMillis <= 0
            ? 0
            : delayMillis > Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : delayMillis * 1000;
    return scheduleAtMicros(EventQueue.saturatingAdd(queue.nowMicros(), delayMicros), task, null);
  }

  /**
   * Runs {@code task} on this node's loop at absolute virtual time {@code atMicros}, in the current
   * incarnation: the simulated network delivers messages this way. {@code onDiscard} (may be null)
   * runs instead if a crash discards the task before it runs, so the caller can count the loss.
   */
  public Cancellable scheduleAtMicros(long atMicros, Runnable task, Runnable onDiscard) {
    Objects.requireNonNull(task, "task");
    if (state == State.CRASHED) {
      discardedTasks++;
      if (onDiscard != null) {
        onDiscard.run();
      }
      return () -> {};
    }
    Task t = new Task(incarnation, task, onDiscard);
    pending.add(t);
    t.event = queue.scheduleAt(atMicros, () -> fire(t));
    return () -> cancel(t);
  }

  private void cancel(Task task) {
    if (pending.remove(task)) {
      task.event.cancel();
      heldWhilePaused.remove(task);
    }
  }

  private void fire(Task task) {
    if (task.incarnation != incarnation || !pending.contains(task)) {
      return;
    }
    if (state == State.PAUSED) {
      heldWhilePaused.addLast(task);
      return;
    }
    pending.remove(task);
    trace.record(queue.nowMicros(), node, "task", incarnation);
    task.action.run();
  }

  /**
   * Stops the process: every pending task of this incarnation is discarded and nothing can be
   * scheduled until {@link #restart()}. Crashing a paused node is allowed (kill -9 of a stopped
   * process).
   */
  public void crash() {
    if (state == State.CRASHED) {
      throw new IllegalStateException(node + " is already crashed");
    }
    trace.record(queue.nowMicros(), node, "crash", incarnation);
    incarnation++;
    state = State.CRASHED;
    heldWhilePaused.clear();
    for (Task task : pending) {
      task.event.cancel();
      discardedTasks++;
      if (task.onDiscard != null) {
        task.onDiscard.run();
      }
    }
    pending.clear();
  }

  /** Brings a crashed node back as a new incarnation with no pending tasks. */
  public void restart() {
    if (state != State.CRASHED) {
      throw new IllegalStateException(node + " is not crashed, it is " + state);
    }
    trace.record(queue.nowMicros(), node, "restart", incarnation);
    state = State.RUNNING;
  }

  /** Freezes the node: tasks and inputs falling due are held until {@link #resume()}. */
  public void pause() {
    if (state != State.RUNNING) {
      throw new IllegalStateException(node + " is not running, it is " + state);
    }
    trace.record(queue.nowMicros(), node, "pause", incarnation);
    state = State.PAUSED;
  }

  /**
   * Unfreezes the node. Everything that fell due while paused runs at once, inside this call, in
   * the order it fell due, so it precedes anything else due at the resume instant.
   */
  public void resume() {
    if (state != State.PAUSED) {
      throw new IllegalStateException(node + " is not paused, it is " + state);
    }
    trace.record(queue.nowMicros(), node, "resume", incarnation);
    state = State.RUNNING;
    while (!heldWhilePaused.isEmpty() && state == State.RUNNING) {
      fire(heldWhilePaused.removeFirst());
    }
  }

  public State state() {
    return state;
  }

  /** 0 for the first run of the node, incremented by every crash. */
  public long incarnation() {
    return incarnation;
  }

  /** Tasks of the current incarnation that have neither run nor been cancelled. */
  public int pendingTasks() {
    return pending.size();
  }

  /** Tasks thrown away by crashes (pending at the crash, or scheduled while crashed). */
  public long discardedTasks() {
    return discardedTasks;
  }

  private static final class Task {
    final long incarnation;
    final Runnable action;
    final Runnable onDiscard;
    Cancellable event;

    Task(long incarnation, Runnable action, Runnable onDiscard) {
      this.incarnation = incarnation;
      this.action = action;
      this.onDiscard = onDiscard;
    }
  }
}
