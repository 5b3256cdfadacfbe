package io.consensio.runtime.mempool;

import io.consensio.api.services.Cancellable;
import io.consensio.api.services.Scheduler;
import java.util.ArrayList;
import java.util.List;

/** A clock the test moves and a task list the test runs. */
final class ManualScheduler implements Scheduler {
  long now;
  final List<Runnable> due = new ArrayList<>();

  @Override
  public long nowMillis() {
    return now;
  }

  @Override
  public Cancellable schedule(long delayMillis, Runnable task) {
    due.add(task);
    return () -> due.remove(task);
  }

  void runAll() {
    List<Runnable> tasks = new ArrayList<>(due);
    due.clear();
    tasks.forEach(Runnable::run);
  }
}
