package io.consensio.sim.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consensio.api.services.Cancellable;
import io.consensio.api.types.NodeId;
import io.consensio.sim.trace.TraceRecorder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimSchedulerTest {
  private final EventQueue queue = new EventQueue();
  private final SimScheduler scheduler =
      new SimScheduler(NodeId.of("node-1"), queue, new TraceRecorder());
  private final List<String> ran = new ArrayList<>();

  @Test
  void clockIsVirtualTimeInMillisPlusSkew() {
    queue.runUntil(2_345_678);
    assertThat(scheduler.nowMillis()).isEqualTo(2_345);

    scheduler.setClockSkewMillis(-500);
    assertThat(scheduler.nowMillis()).isEqualTo(1_845);

    scheduler.setClockSkewMillis(250);
    assertThat(scheduler.nowMillis()).isEqualTo(2_595);
  }

  @Test
  void tasksRunAfterTheirDelayInDueOrderTiesInSchedulingOrder() {
    scheduler.schedule(20, () -> ran.add("b@" + scheduler.nowMillis()));
    scheduler.schedule(10, () -> ran.add("a@" + scheduler.nowMillis()));
    scheduler.schedule(20, () -> ran.add("c@" + scheduler.nowMillis()));
    scheduler.schedule(-5, () -> ran.add("negative-delay@" + scheduler.nowMillis()));

    queue.runUntil(19_999);
    assertThat(ran).containsExactly("negative-delay@0", "a@10");

    queue.runUntil(1_000_000);
    assertThat(ran).containsExactly("negative-delay@0", "a@10", "b@20", "c@20");
  }

  @Test
  void cancelledTaskDoesNotRun() {
    Cancellable timer = scheduler.schedule(10, () -> ran.add("timer"));

    timer.cancel();
    queue.runUntil(100_000);

    assertThat(ran).isEmpty();
    assertThat(scheduler.pendingTasks()).isZero();
  }

  @Test
  void crashDiscardsEveryTaskOfTheOldIncarnation() {
    scheduler.schedule(10, () -> ran.add("old-1"));
    scheduler.schedule(50, () -> ran.add("old-2"));
    queue.runUntil(5_000);

    scheduler.crash();
    Cancellable whileDown = scheduler.schedule(1, () -> ran.add("scheduled-while-crashed"));
    whileDown.cancel();
    queue.runUntil(20_000);
    scheduler.restart();
    scheduler.schedule(10, () -> ran.add("new"));
    queue.runUntil(1_000_000);

    assertThat(ran).containsExactly("new");
    assertThat(scheduler.incarnation()).isEqualTo(1);
    assertThat(scheduler.discardedTasks()).isEqualTo(3);
  }

  @Test
  void crashRunsTheDiscardHookOfPendingInputs() {
    List<String> discarded = new ArrayList<>();
    scheduler.scheduleAtMicros(1_000, () -> ran.add("input"), () -> discarded.add("input"));

    scheduler.crash();
    queue.runUntil(10_000);

    assertThat(ran).isEmpty();
    assertThat(discarded).containsExactly("input");
  }

  @Test
  void tasksDueWhilePausedRunOnResumeInDueOrder() {
    scheduler.schedule(10, () -> ran.add("a"));
    scheduler.schedule(20, () -> ran.add("b"));
    scheduler.schedule(100, () -> ran.add("after-resume"));
    scheduler.pause();

    queue.runUntil(50_000);
    assertThat(ran).isEmpty();

    scheduler.schedule(0, () -> ran.add("scheduled-at-resume-time"));
    scheduler.resume();
    queue.runUntil(50_000);
    assertThat(ran).containsExactly("a", "b", "scheduled-at-resume-time");

    queue.runUntil(200_000);
    assertThat(ran).containsExactly("a", "b", "scheduled-at-resume-time", "after-resume");
  }

  @Test
  void crashWhilePausedDiscardsHeldTasks() {
    scheduler.schedule(10, () -> ran.add("held"));
    scheduler.pause();
    queue.runUntil(50_000);

    scheduler.crash();
    scheduler.restart();
    queue.runUntil(100_000);

    assertThat(ran).isEmpty();
    assertThat(scheduler.state()).isEqualTo(SimScheduler.State.RUNNING);
  }

  @Test
  void cancellingAHeldTaskKeepsItFromRunningOnResume() {
    Cancellable held = scheduler.schedule(10, () -> ran.add("held"));
    scheduler.pause();
    queue.runUntil(50_000);

    held.cancel();
    scheduler.resume();
    queue.runUntil(100_000);

    assertThat(ran).isEmpty();
  }

  @Test
  void lifecycleTransitionsAreChecked() {
    assertThatThrownBy(scheduler::restart).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(scheduler::resume).isInstanceOf(IllegalStateException.class);
    scheduler.crash();
    assertThatThrownBy(scheduler::crash).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(scheduler::pause).isInstanceOf(IllegalStateException.class);
  }
}
