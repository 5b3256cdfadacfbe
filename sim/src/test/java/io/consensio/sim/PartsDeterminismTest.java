package io.consensio.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.consensio.api.services.DurableStore;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.net.MessageChannel;
import io.consensio.runtime.net.PeerMessenger;
import io.consensio.sim.disk.SimDisk;
import io.consensio.sim.fault.FaultPlan;
import io.consensio.sim.fault.FaultScheduleConfig;
import io.consensio.sim.fault.FaultScheduler;
import io.consensio.sim.fault.FaultTarget;
import io.consensio.sim.net.LatencyModel;
import io.consensio.sim.net.NetworkModel;
import io.consensio.sim.net.SimNetwork;
import io.consensio.sim.random.SeedTree;
import io.consensio.sim.time.EventQueue;
import io.consensio.sim.time.SimScheduler;
import io.consensio.sim.trace.TraceRecorder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The parts assembled into a toy cluster, the way an orchestrator would: gossiping nodes with
 * timers, disks, a faulty network and a fault timeline. Two runs with one seed must be identical
 * event for event; another seed must differ.
 */
class PartsDeterminismTest {
  private static final List<NodeId> NODES =
      List.of(NodeId.of("n1"), NodeId.of("n2"), NodeId.of("n3"), NodeId.of("n4"));

  /** A node that gossips a counter every 10 ms and persists the highest counter it has heard. */
  private static final class ToyNode {
    final NodeId id;
    final SimScheduler scheduler;
    final SimDisk disk = new SimDisk();
    final PeerMessenger messenger;
    final Random random;
    DurableStore store;
    long counter;

    ToyNode(NodeId id, Cluster cluster, SeedTree seeds) {
      this.id = id;
      this.scheduler = new SimScheduler(id, cluster.queue, cluster.trace);
      this.messenger = cluster.network.register(id, scheduler);
      this.random = seeds.random("node/" + id);
      boot(cluster);
    }

    void boot(Cluster cluster) {
      store = disk.open("toy");
      counter = store.get(new byte[] {1}).map(b -> ByteBuffer.wrap(b).getLong()).orElse(0L);
      cluster.network.setHandler(
          id,
          (from, channel, payload) -> {
            long heard = ByteBuffer.wrap(payload).getLong();
            counter = Math.max(counter, heard) + 1;
            cluster.order.add(cluster.queue.nowMicros() + " " + id + " heard " + heard);
          });
      tick();
    }

    void tick() {
      scheduler.schedule(
          5 + random.nextInt(10),
          () -> {
            counter++;
            store.put(new byte[] {1}, ByteBuffer.allocate(8).putLong(counter).array());
            if (counter % 3 == 0) {
              store.sync();
            }
            messenger.broadcast(
                MessageChannel.CONSENSUS, ByteBuffer.allocate(8).putLong(counter).array());
            tick();
          });
    }
  }

  private static final class Cluster implements FaultTarget {
    final EventQueue queue = new EventQueue();
    final TraceRecorder trace = new TraceRecorder();
    final SimNetwork network;
    final Map<NodeId, ToyNode> nodes = new TreeMap<>();
    final List<String> order = new ArrayList<>();

    Cluster(long seed) {
      SeedTree seeds = new SeedTree(seed);
      FaultPlan plan = FaultPlan.parse("loss=0.05,dup=0.02,reorder=0.1,partition,crash,pause,skew");
      network =
          new SimNetwork(
              plan.applyTo(NetworkModel.reliable(LatencyModel.logNormal(2_000, 30_000)), 20_000),
              seeds.random("network"),
              trace);
      for (NodeId id : NODES) {
        nodes.put(id, new ToyNode(id, this, seeds));
      }
      new FaultScheduler(
              plan,
              new FaultScheduleConfig(
                  8_000_000, 300_000, 1, 500_000, 2_000_000, 100_000, 1_000_000, 500_000, 2_000_000,
                  200),
              NODES,
              seeds.random("faults"))
          .schedule(queue, this);
    }

    public void crash(NodeId node) {
      nodes.get(node).scheduler.crash();
      nodes.get(node).disk.crash();
      order.add(queue.nowMicros() + " crash " + node);
    }

    public void restart(NodeId node) {
      nodes.get(node).scheduler.restart();
      nodes.get(node).boot(this);
      order.add(queue.nowMicros() + " restart " + node + " at " + nodes.get(node).counter);
    }

    public void pause(NodeId node) {
      nodes.get(node).scheduler.pause();
    }

    public void resume(NodeId node) {
      nodes.get(node).scheduler.resume();
    }

    public void partition(Map<String, Set<NodeId>> groups) {
      network.partitions().partition(groups);
      trace.record(queue.nowMicros(), null, "partition", null);
    }

    public void blockOneWay(Set<NodeId> from, Set<NodeId> to) {
      network.partitions().blockOneWay(from, to);
      trace.record(queue.nowMicros(), null, "block", null);
    }

    public void heal() {
      network.partitions().heal();
      trace.record(queue.nowMicros(), null, "heal", null);
    }

    public void setClockSkew(NodeId node, long skewMillis) {
      nodes.get(node).scheduler.setClockSkewMillis(skewMillis);
    }

    Cluster run() {
      queue.runUntil(10_000_000);
      return this;
    }
  }

  @Test
  void sameSeedReplaysTheSameRunAndAnotherSeedDiffers() {
    Cluster first = new Cluster(2024).run();
    Cluster second = new Cluster(2024).run();
    Cluster other = new Cluster(2025).run();

    assertThat(first.order.stream().filter(s -> s.contains(" crash ")).count()).isPositive();
    assertThat(first.order.stream().filter(s -> s.contains(" restart ")).count()).isPositive();
    assertThat(first.trace.eventCount()).isGreaterThan(10_000);
    assertThat(second.order).isEqualTo(first.order);
    assertThat(second.trace.traceHash()).isEqualTo(first.trace.traceHash());
    assertThat(second.queue.executedCount()).isEqualTo(first.queue.executedCount());
    assertThat(other.trace.traceHash()).isNotEqualTo(first.trace.traceHash());
    assertThat(other.order).isNotEqualTo(first.order);
  }
}
