package io.consensio.pbft;

import io.consensio.api.services.Cancellable;
import io.consensio.api.services.Scheduler;

/**
 * The backup's request timer (OSDI'99 §4.4): a replica waiting to execute a request starts a timer
 * if none is running, stops it when it is no longer waiting, and restarts it when it executes a
 * request while still waiting for others. If the timer expires, the primary is suspected. Driven by
 * the context's {@link Scheduler} only. Not thread-safe.
 */
public final class RequestTimer {
  private final Scheduler scheduler;
  private final Runnable onExpiry;
  private Cancellable armed;

  public RequestTimer(Scheduler scheduler, Runnable onExpiry) {
    this.scheduler = scheduler;
    this.onExpiry = onExpiry;
  }

  /** Starts the timer if work is pending and it is not running; stops it if nothing is pending. */
  public void update(boolean pending, long timeoutMillis) {
    if (!pending) {
      stop();
    } else if (armed == null) {
      arm(timeoutMillis);
    }
  }

  /** After executing a request: restart if still waiting for another one, else stop. */
  public void restart(boolean pending, long timeoutMillis) {
    stop();
    if (pending) {
      arm(timeoutMillis);
    }
  }

  public void stop() {
    if (armed != null) {
      armed.cancel();
      armed = null;
    }
  }

  private void arm(long timeoutMillis) {
    Cancellable[] self = new Cancellable[1];
    self[0] =
        scheduler.schedule(
            timeoutMillis,
            () -> {
              if (armed == self[0]) {
                armed = null;
                onExpiry.run();
              }
            });
    armed = self[0];
  }
}
