package io.consensio.sim.time;

import io.consensio.api.services.Cancellable;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.PriorityQueue;

/**
 * The simulator's one event queue and virtual clock.
 *
 * <p>Virtual time is a count of microseconds since the start of the run; it only moves when the
 * queue runs an event, and nothing here reads the wall clock. Events are ordered by (due time,
 * insertion sequence), so two events due at the same microsecond run in the order they were
 * scheduled: given the same inputs, every run executes the same events in the same order.
 *
 * <p>Threading: single-threaded. Events run on the thread that calls {@link #step()} or {@link
 * #runUntil(long)}, and may schedule further events.
 */
public final class EventQueue {
  private final PriorityQueue<Event> queue = new PriorityQueue<>();
  private long nowMicros;
  private long nextSequence;
  private long executedCount;
  private int cancelledInQueue;

  /** Current virtual time in microseconds. */
  public long nowMicros() {
    return nowMicros;
  }

  /**
   * Schedules {@code action} at absolute virtual time {@code atMicros}, which must not be in the
   * past. The returned handle cancels the event if it has not run yet.
   */
  public Cancellable scheduleAt(long atMicros, Runnable action) {
    Objects.requireNonNull(action, "action");
    if (atMicros < nowMicros) {
      throw new IllegalArgumentException(
          "cannot schedule at " + atMicros + "us, virtual time is already " + nowMicros + "us");
    }
    Event event = new Event(atMicros, nextSequence++, action);
    queue.add(event);
    return () -> cancel(event);
  }

  /** Schedules {@code action} {@code delayMicros} (at least 0) after the current virtual time. */
  public Cancellable scheduleAfter(long delayMicros, Runnable action) {
    if (delayMicros < 0) {
      throw new IllegalArgumentException("delay must not be negative: " + delayMicros);
    }
    return scheduleAt(saturatingAdd(nowMicros, delayMicros), action);
  }

  private void cancel(Event event) {
    if (!event.cancelled && !event.done) {
      event.cancelled = true;
      cancelledInQueue++;
    }
  }

  /**
   * Runs the next live event, advancing virtual time to its due time.
   *
   * @return false when no live event is left
   */
  public boolean step() {
    Event event = pollLive();
    if (event == null) {
      return false;
    }
    run(event);
    return true;
  }

  /**
   * Runs every event due at or before {@code untilMicros} (including events those events schedule
   * within the window), then sets virtual time to {@code untilMicros}.
   *
   * @return the number of events run
   */
  public long runUntil(long untilMicros) {
    if (untilMicros < nowMicros) {
      throw new IllegalArgumentException(
          "cannot run until " + untilMicros + "us, virtual time is already " + nowMicros + "us");
    }
    long ran = 0;
    while (true) {
      discardCancelledHead();
      Event head = queue.peek();
      if (head == null || head.atMicros > untilMicros) {
        break;
      }
      run(queue.poll());
      ran++;
    }
    nowMicros = untilMicros;
    return ran;
  }

  /** Due time of the next live event, or empty when the queue is idle. */
  public OptionalLong nextEventMicros() {
    discardCancelledHead();
    Event head = queue.peek();
    return head == null ? OptionalLong.empty() : OptionalLong.of(head.atMicros);
  }

  /** Events scheduled and neither run nor cancelled. */
  public int pendingCount() {
    return queue.size() - cancelledInQueue;
  }

  /** Events run since the queue was created. */
  public long executedCount() {
    return executedCount;
  }

  private void run(Event event) {
    nowMicros = event.atMicros;
    event.done = true;
    executedCount++;
    event.action.run();
  }

  private Event pollLive() {
    discardCancelledHead();
    return queue.poll();
  }

  private void discardCancelledHead() {
    while (!queue.isEmpty() && queue.peek().cancelled) {
      queue.poll().done = true;
      cancelledInQueue--;
    }
  }

  static long saturatingAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  private static final class Event implements Comparable<Event> {
    final long atMicros;
    final long sequence;
    final Runnable action;
    boolean cancelled;
    boolean done;

    Event(long atMicros, long sequence, Runnable action) {
      this.atMicros = atMicros;
      this.sequence = sequence;
      this.action = action;
    }

    @Override
    public int compareTo(Event other) {
      int byTime = Long.compare(atMicros, other.atMicros);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }
}
