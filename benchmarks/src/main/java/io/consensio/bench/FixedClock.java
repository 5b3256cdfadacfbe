package io.consensio.bench;

import io.consensio.api.services.Cancellable;
import io.consensio.api.services.Scheduler;

/**
 * A clock standing still, for ledger and mempool fixtures. The ledger reads it to reject blocks
 * from the future; the mempool schedules one deferred "transactions available" notice to the
 * engine, which no engine listens to in a benchmark, so scheduled tasks are dropped: what is
 * measured is the synchronous admission and import work only.
 */
final class FixedClock implements Scheduler {
  private final long nowMillis;

  FixedClock(long nowMillis) {
    this.nowMillis = nowMillis;
  }

  @Override
  public long nowMillis() {
    return nowMillis;
  }

  @Override
  public Cancellable schedule(long delayMillis, Runnable task) {
    return () -> {};
  }
}
