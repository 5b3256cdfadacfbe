package io.consensio.runtime.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consensio.api.services.Cancellable;
import io.consensio.runtime.metrics.InMemoryMetrics;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLoopSchedulerTest {
  private final InMemoryMetrics metrics = new InMemoryMetrics();
  private final EventLoopScheduler loop = new EventLoopScheduler("test-loop", metrics);

  @AfterEach
  void close() {
    loop.close();
  }

  /** Waits on the loop until every task submitted before it has run. */
  private void drain() throws Exception {
    CompletableFuture.runAsync(() -> {}, loop).get(10, TimeUnit.SECONDS);
  }

  @Test
  void everyTaskRunsOnTheOneLoopThread() throws Exception {
    List<Thread> threads = new CopyOnWriteArrayList<>();
    List<Boolean> inLoop = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 5; i++) {
      loop.execute(() -> threads.add(Thread.currentThread()));
      loop.schedule(1, () -> inLoop.add(loop.inEventLoop()));
    }
    CountDownLatch done = new CountDownLatch(1);
    loop.schedule(20, done::countDown);
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(threads).hasSize(5).allMatch(t -> t == threads.get(0));
    assertThat(threads.get(0).getName()).isEqualTo("test-loop");
    assertThat(inLoop).containsExactly(true, true, true, true, true);
    assertThat(loop.inEventLoop()).isFalse();
  }

  @Test
  void tasksRunInDueTimeOrderAndTiesInSubmissionOrder() throws Exception {
    List<String> order = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    // Hold the loop while everything is submitted, and keep the delays far apart, so that a busy
    // machine pausing this thread between two submissions cannot reorder their due times.
    CountDownLatch submitted = new CountDownLatch(1);
    loop.execute(() -> awaitQuietly(submitted));
    loop.schedule(600, () -> order.add("late"));
    loop.schedule(300, () -> order.add("middle"));
    loop.execute(() -> order.add("now-1"));
    loop.schedule(0, () -> order.add("now-2"));
    loop.execute(() -> order.add("now-3"));
    loop.schedule(900, done::countDown);
    submitted.countDown();
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(order).containsExactly("now-1", "now-2", "now-3", "middle", "late");
  }

  @Test
  void aCancelledTimerNeverRuns() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    Cancellable timer = loop.schedule(30, () -> ran.add("cancelled"));
    CountDownLatch done = new CountDownLatch(1);
    loop.schedule(60, done::countDown);
    timer.cancel();
    timer.cancel();
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(ran).isEmpty();
  }

  @Test
  void aFailingTaskIsCountedAndTheLoopCarriesOn() throws Exception {
    loop.execute(
        () -> {
          throw new IllegalStateException("boom");
        });
    loop.schedule(
        0,
        () -> {
          throw new IllegalStateException("boom again");
        });
    List<String> after = new CopyOnWriteArrayList<>();
    loop.execute(() -> after.add("still running"));
    drain();

    assertThat(after).containsExactly("still running");
    assertThat(metrics.counter("eventloop.task.error")).isEqualTo(2);
  }

  @Test
  void theClockIsTheWallClock() {
    long before = System.currentTimeMillis();
    long now = loop.nowMillis();
    long after = System.currentTimeMillis();

    assertThat(now).isBetween(before, after);
  }

  @Test
  void afterCloseExecuteIsRejectedAndTimersAreDropped() {
    List<String> ran = new CopyOnWriteArrayList<>();
    loop.close();

    assertThatThrownBy(() -> loop.execute(() -> ran.add("execute")))
        .isInstanceOf(RejectedExecutionException.class);
    Cancellable dropped = loop.schedule(0, () -> ran.add("timer"));
    dropped.cancel();
    assertThat(ran).isEmpty();
    assertThat(loop.asExecutorService().isTerminated()).isTrue();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
