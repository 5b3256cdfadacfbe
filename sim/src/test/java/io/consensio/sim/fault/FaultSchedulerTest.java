package io.consensio.sim.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.types.NodeId;
import io.consensio.sim.time.EventQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FaultSchedulerTest {
  private static final long PHASE = 120_000_000;
  private static final List<NodeId> NODES =
      IntStream.rangeClosed(1, 5).mapToObj(i -> NodeId.of("node-" + i)).toList();

  /** A target that enforces legal transitions and tracks the cluster's fault state. */
  private static final class StrictTarget implements FaultTarget {
    final Set<NodeId> crashed = new HashSet<>();
    final Set<NodeId> paused = new HashSet<>();
    final Map<NodeId, Long> skews = new HashMap<>();
    final List<String> log = new ArrayList<>();
    boolean partitioned;
    int maxCrashedAtOnce;

    private void requireIdle(NodeId node) {
      assertThat(crashed).doesNotContain(node);
      assertThat(paused).doesNotContain(node);
    }

    public void crash(NodeId node) {
      requireIdle(node);
      crashed.add(node);
      maxCrashedAtOnce = Math.max(maxCrashedAtOnce, crashed.size());
      log.add("crash " + node);
    }

    public void restart(NodeId node) {
      assertThat(crashed.remove(node)).as("restart of a running node").isTrue();
      log.add("restart " + node);
    }

    public void pause(NodeId node) {
      requireIdle(node);
      paused.add(node);
      log.add("pause " + node);
    }

    public void resume(NodeId node) {
      assertThat(paused.remove(node)).as("resume of a node not paused").isTrue();
      log.add("resume " + node);
    }

    public void partition(Map<String, Set<NodeId>> groups) {
      assertThat(partitioned).as("overlapping partitions").isFalse();
      Set<NodeId> all = new HashSet<>();
      groups.values().forEach(all::addAll);
      assertThat(all).containsExactlyInAnyOrderElementsOf(NODES);
      assertThat(groups.get("minority").size()).isLessThanOrEqualTo(groups.get("majority").size());
      partitioned = true;
      log.add("partition " + groups);
    }

    public void blockOneWay(Set<NodeId> from, Set<NodeId> to) {
      assertThat(partitioned).as("overlapping partitions").isFalse();
      assertThat(from).doesNotContainAnyElementsOf(to);
      partitioned = true;
      log.add("block " + from + "->" + to);
    }

    public void heal() {
      partitioned = false;
      log.add("heal");
    }

    public void setClockSkew(NodeId node, long skewMillis) {
      skews.put(node, skewMillis);
      log.add("skew " + node + " " + skewMillis);
    }
  }

  private static FaultScheduler scheduler(String plan, int maxCrashes, long seed) {
    return new FaultScheduler(
        FaultPlan.parse(plan),
        FaultScheduleConfig.defaults(PHASE, maxCrashes),
        NODES,
        new Random(seed));
  }

  private static StrictTarget play(FaultScheduler scheduler) {
    EventQueue queue = new EventQueue();
    queue.runUntil(1_000);
    StrictTarget target = new StrictTarget();
    scheduler.schedule(queue, target);
    queue.runUntil(1_000 + PHASE);
    return target;
  }

  @Test
  void sameSeedGivesTheSameTimelineAndAnotherSeedDoesNot() {
    String plan = "partition,crash,pause,skew";
    assertThat(scheduler(plan, 2, 1).timeline()).isEqualTo(scheduler(plan, 2, 1).timeline());
    assertThat(scheduler(plan, 2, 2).timeline()).isNotEqualTo(scheduler(plan, 2, 1).timeline());
  }

  @Test
  void everyKindOfFaultOccursAndEveryTransitionIsLegal() {
    StrictTarget target = play(scheduler("partition,crash,pause,skew", 2, 3));

    assertThat(target.log)
        .anyMatch(s -> s.startsWith("crash"))
        .anyMatch(s -> s.startsWith("pause"))
        .anyMatch(s -> s.startsWith("partition"))
        .anyMatch(s -> s.startsWith("block"))
        .anyMatch(s -> s.startsWith("skew") && !s.endsWith(" 0"));
  }

  @Test
  void neverCrashesMoreThanTheConfiguredNumberAtOnce() {
    for (long seed = 1; seed <= 20; seed++) {
      StrictTarget target = play(scheduler("crash", 1, seed));
      assertThat(target.maxCrashedAtOnce).as("seed %d", seed).isEqualTo(1);
    }
    StrictTarget two = play(scheduler("crash", 2, 5));
    assertThat(two.maxCrashedAtOnce).isEqualTo(2);
  }

  @Test
  void alwaysEndsHealedRestartedResumedAndUnskewedAtTheEndOfTheFaultPhase() {
    for (long seed = 1; seed <= 20; seed++) {
      FaultScheduler scheduler = scheduler("partition,crash,pause,skew", 2, seed);
      StrictTarget target = play(scheduler);

      assertThat(target.crashed).as("seed %d", seed).isEmpty();
      assertThat(target.paused).isEmpty();
      assertThat(target.partitioned).isFalse();
      assertThat(target.skews.values()).containsOnly(0L);
      List<FaultAction> timeline = scheduler.timeline();
      assertThat(timeline).allMatch(a -> a.atMicros() <= PHASE);
      assertThat(timeline.get(timeline.size() - 1).atMicros()).isEqualTo(PHASE);
      assertThat(scheduler.quietFromMicros()).isEqualTo(PHASE);
    }
  }

  @Test
  void onlyTheFaultsOfThePlanAreScheduled() {
    List<FaultAction> timeline = scheduler("crash", 1, 4).timeline();

    assertThat(timeline)
        .isNotEmpty()
        .allMatch(
            a ->
                a instanceof FaultAction.Crash
                    || a instanceof FaultAction.Restart
                    || a instanceof FaultAction.Heal);
    assertThat(scheduler("loss=0.1", 1, 4).timeline()).containsExactly(new FaultAction.Heal(PHASE));
  }
}
