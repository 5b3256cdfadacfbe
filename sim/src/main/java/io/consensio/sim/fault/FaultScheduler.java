package io.consensio.sim.fault;

import io.consensio.api.types.NodeId;
import io.consensio.sim.time.EventQueue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns a {@link FaultPlan} into a seeded timeline of {@link FaultAction}s and plays it through a
 * {@link FaultTarget}.
 *
 * <p>The whole timeline is drawn up front from the given {@link Random}, so it can be printed,
 * inspected and replayed. Fault onsets arrive as a Poisson process over the fault phase; each picks
 * one of the plan's enabled kinds:
 *
 * <ul>
 *   <li>crash: a node with no other fault goes down for a while, unless {@link
 *       FaultScheduleConfig#maxConcurrentCrashes()} nodes are already down;
 *   <li>pause: a node with no other fault freezes for a while (pauses do not count as crashes);
 *   <li>partition: if none is active, either a symmetric split into a minority and a majority or a
 *       one-way block between one node and the rest, healed later;
 *   <li>skew: a node's clock is set off by up to {@link FaultScheduleConfig#maxSkewMillis()}.
 * </ul>
 *
 * Every recovery is clipped to the end of the fault phase, where the timeline always ends with a
 * heal, the restart of every node still down, the resumption of every paused node and every skew
 * reset to zero: the liveness phase that follows starts from a whole cluster. The network-level
 * faults of the plan (loss, duplication, reordering) are not timed; they live in the network model.
 */
public final class FaultScheduler {
  private final FaultPlan plan;
  private final FaultScheduleConfig config;
  private final List<NodeId> nodes;
  private final Random random;
  private final List<FaultAction> timeline = new ArrayList<>();

  public FaultScheduler(
      FaultPlan plan, FaultScheduleConfig config, List<NodeId> nodes, Random random) {
    this.plan = Objects.requireNonNull(plan, "plan");
    this.config = Objects.requireNonNull(config, "config");
    List<NodeId> sorted = new ArrayList<>(nodes);
    Collections.sort(sorted);
    this.nodes = List.copyOf(sorted);
    this.random = Objects.requireNonNull(random, "random");
    build();
  }

  /** The actions in the order they happen, times relative to the start of the fault phase. */
  public List<FaultAction> timeline() {
    return List.copyOf(timeline);
  }

  /** Virtual time, relative to the start, from which no fault is active. */
  public long quietFromMicros() {
    return config.faultPhaseMicros();
  }

  /**
   * Schedules every action on {@code queue}, offset by the queue's current time, to be applied to
   * {@code target}.
   */
  public void schedule(EventQueue queue, FaultTarget target) {
    long start = queue.nowMicros();
    for (FaultAction action : timeline) {
      queue.scheduleAt(start + action.atMicros(), () -> action.applyTo(target));
    }
  }

  private enum Kind {
    CRASH,
    PAUSE,
    PARTITION,
    SKEW
  }

  private void build() {
    List<Kind> kinds = new ArrayList<>();
    if (plan.crashes() && config.maxConcurrentCrashes() > 0) {
      kinds.add(Kind.CRASH);
    }
    if (plan.pauses()) {
      kinds.add(Kind.PAUSE);
    }
    if (plan.partitions() && nodes.size() >= 2) {
      kinds.add(Kind.PARTITION);
    }
    if (plan.clockSkew()) {
      kinds.add(Kind.SKEW);
    }
    long end = config.faultPhaseMicros();
    // A node is "busy" (crashed or paused) until the time in this map.
    Map<NodeId, Long> busyUntil = new HashMap<>();
    Map<NodeId, Long> crashedUntil = new HashMap<>();
    Map<NodeId, Long> skewed = new TreeMap<>();
    long partitionUntil = -1;
    long t = 0;
    while (!kinds.isEmpty()) {
      t += Math.max(1, (long) (-Math.log(1 - random.nextDouble()) * config.meanIntervalMicros()));
      if (t >= end) {
        break;
      }
      long now = t;
      switch (kinds.get(random.nextInt(kinds.size()))) {
        case CRASH -> {
          long down = crashedUntil.values().stream().filter(until -> until > now).count();
          NodeId node = pickIdle(busyUntil, now);
          if (node != null && down < config.maxConcurrentCrashes()) {
            long back =
                Math.min(
                    end, now + between(config.minDowntimeMicros(), config.maxDowntimeMicros()));
            timeline.add(new FaultAction.Crash(now, node));
            timeline.add(new FaultAction.Restart(back, node));
            busyUntil.put(node, back);
            crashedUntil.put(node, back);
          }
        }
        case PAUSE -> {
          NodeId node = pickIdle(busyUntil, now);
          if (node != null) {
            long back =
                Math.min(end, now + between(config.minPauseMicros(), config.maxPauseMicros()));
            timeline.add(new FaultAction.Pause(now, node));
            timeline.add(new FaultAction.Resume(back, node));
            busyUntil.put(node, back);
          }
        }
        case PARTITION -> {
          if (partitionUntil <= now) {
            partitionUntil =
                Math.min(
                    end, now + between(config.minPartitionMicros(), config.maxPartitionMicros()));
            timeline.add(partition(now));
            timeline.add(new FaultAction.Heal(partitionUntil));
          }
        }
        case SKEW -> {
          NodeId node = nodes.get(random.nextInt(nodes.size()));
          long skew = between(-config.maxSkewMillis(), config.maxSkewMillis());
          timeline.add(new FaultAction.ClockSkew(now, node, skew));
          skewed.put(node, skew);
        }
      }
    }
    // Sort by time; the sort is stable, so actions at one instant keep their generation order.
    timeline.sort(Comparator.comparingLong(FaultAction::atMicros));
    // Recoveries were clipped to `end` already; the closing heal and skew resets make the end state
    // explicit whatever the plan did.
    timeline.add(new FaultAction.Heal(end));
    for (NodeId node : skewed.keySet()) {
      timeline.add(new FaultAction.ClockSkew(end, node, 0));
    }
  }

  private FaultAction partition(long now) {
    List<NodeId> shuffled = new ArrayList<>(nodes);
    Collections.shuffle(shuffled, random);
    if (random.nextBoolean()) {
      int minority = 1 + random.nextInt(nodes.size() / 2);
      SortedMap<String, SortedSet<NodeId>> groups = new TreeMap<>();
      groups.put("minority", new TreeSet<>(shuffled.subList(0, minority)));
      groups.put("majority", new TreeSet<>(shuffled.subList(minority, shuffled.size())));
      return new FaultAction.Partition(now, groups);
    }
    SortedSet<NodeId> one = new TreeSet<>(shuffled.subList(0, 1));
    SortedSet<NodeId> rest = new TreeSet<>(shuffled.subList(1, shuffled.size()));
    return random.nextBoolean()
        ? new FaultAction.BlockOneWay(now, one, rest)
        : new FaultAction.BlockOneWay(now, rest, one);
  }

  private NodeId pickIdle(Map<NodeId, Long> busyUntil, long now) {
    List<NodeId> idle = new ArrayList<>();
    for (NodeId node : nodes) {
      if (busyUntil.getOrDefault(node, -1L) <= now) {
        idle.add(node);
      }
    }
    return idle.isEmpty() ? null : idle.get(random.nextInt(idle.size()));
  }

  private long between(long min, long max) {
    return min + (long) (random.nextDouble() * (max - min + 1));
  }
}
