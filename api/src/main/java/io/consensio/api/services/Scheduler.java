package io.consensio.api.services;

/**
 * The engine's only clock. In a real node it is the wall clock and the node's event loop; in the
 * simulator it is virtual time advanced by the event queue. Tasks run on the event-loop thread, in
 * order of their due time, ties in order of scheduling.
 */
public interface Scheduler {
  /**
   * Milliseconds on this node's clock (not necessarily epoch-based, may be skewed in simulation).
   */
  long nowMillis();

  /** Runs {@code task} on the event loop after {@code delayMillis} (0 = as soon as possible). */
  Cancellable schedule(long delayMillis, Runnable task);
}
