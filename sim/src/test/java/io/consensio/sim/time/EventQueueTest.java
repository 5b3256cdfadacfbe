package io.consensio.sim.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consensio.api.services.Cancellable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventQueueTest {
  private final EventQueue queue = new EventQueue();
  private final List<String> ran = new ArrayList<>();

  @Test
  void runsEventsInTimeOrderAndTiesInSchedulingOrder() {
    queue.scheduleAt(30, () -> ran.add("c@30"));
    queue.scheduleAt(10, () -> ran.add("a@10"));
    queue.scheduleAt(30, () -> ran.add("d@30"));
    queue.scheduleAt(10, () -> ran.add("b@10"));

    while (queue.step()) {}

    assertThat(ran).containsExactly("a@10", "b@10", "c@30", "d@30");
    assertThat(queue.executedCount()).isEqualTo(4);
    assertThat(queue.nowMicros()).isEqualTo(30);
  }

  @Test
  void stepAdvancesVirtualTimeToTheEvent() {
    queue.scheduleAt(1_500, () -> ran.add("at " + queue.nowMicros()));

    assertThat(queue.step()).isTrue();

    assertThat(ran).containsExactly("at 1500");
    assertThat(queue.step()).isFalse();
  }

  @Test
  void runUntilRunsEventsScheduledWithinTheWindowAndStopsAtItsEnd() {
    queue.scheduleAt(
        100, () -> queue.scheduleAfter(50, () -> ran.add("chained@" + queue.nowMicros())));
    queue.scheduleAt(300, () -> ran.add("late"));

    long count = queue.runUntil(200);

    assertThat(count).isEqualTo(2);
    assertThat(ran).containsExactly("chained@150");
    assertThat(queue.nowMicros()).isEqualTo(200);
    assertThat(queue.pendingCount()).isEqualTo(1);
    assertThat(queue.nextEventMicros()).hasValue(300);
  }

  @Test
  void cancelledEventsNeverRunAndAreNotCounted() {
    Cancellable cancelled = queue.scheduleAt(10, () -> ran.add("cancelled"));
    queue.scheduleAt(20, () -> ran.add("kept"));

    cancelled.cancel();
    cancelled.cancel();

    assertThat(queue.pendingCount()).isEqualTo(1);
    queue.runUntil(100);
    assertThat(ran).containsExactly("kept");
    assertThat(queue.executedCount()).isEqualTo(1);
  }

  @Test
  void refusesToScheduleInThePastOrRunBackwards() {
    queue.runUntil(1_000);

    assertThatThrownBy(() -> queue.scheduleAt(999, () -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already 1000us");
    assertThatThrownBy(() -> queue.runUntil(10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> queue.scheduleAfter(-1, () -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aHugeDelaySaturatesInsteadOfOverflowingIntoThePast() {
    queue.runUntil(10);
    queue.scheduleAfter(Long.MAX_VALUE, () -> ran.add("never"));

    queue.runUntil(1_000_000);

    assertThat(ran).isEmpty();
    assertThat(queue.nextEventMicros()).hasValue(Long.MAX_VALUE);
  }
}
