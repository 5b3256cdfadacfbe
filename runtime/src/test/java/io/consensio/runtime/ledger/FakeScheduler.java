package io.consensio.runtime.ledger;

import io.consensio.api.services.Cancellable;
import io.consensio.api.services.Scheduler;
import java.util.ArrayList;
import java.util.List;

/** A clock the test sets by hand; scheduled tasks are only recorded (the ledger schedules none). */
final class FakeScheduler implements Scheduler {
  private long now;
  final List<Runnable> scheduled = new ArrayList<>();

  FakeScheduler(long now) {
    this.now = now;
  }

  void setNow(long now) {
    this.now = now;
  }

  @Override
  public long nowMillis() {
    return now;
  }

  @Override
  public Cancellable schedule(long delayMillis, Runnable task) {
    scheduled.add(task);
    return () -> scheduled.remove(task);
  }
}
