package io.consensio.sim.scale;

import io.consensio.api.types.NodeId;
import io.consensio.runtime.net.MessageChannel;
import io.consensio.sim.SimNode;
import io.consensio.sim.Simulation;
import io.consensio.sim.SimulationConfig;
import io.consensio.sim.SimulationResult;
import io.consensio.sim.load.LoadReport;
import io.consensio.sim.net.LinkDelay;
import io.consensio.sim.net.NetworkStats;
import io.consensio.sim.net.NetworkStats.DropReason;
import io.consensio.sim.net.Overlay;
import io.consensio.sim.random.SeedTree;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs one simulation for a scale study and reduces it to the figures a benchmark compares: what
 * was committed, latency to finality, messages and bytes per committed transaction, stale blocks
 * and view changes. The optional link model (e.g. {@link io.consensio.sim.net.RegionalLinkDelay})
 * is built from the member list and installed before the first message is sent.
 *
 * <p>Threading: runs the simulation on the calling thread. The wall-clock duration it reports is
 * measured outside the simulation (nothing inside reads the clock).
 */
public final class ScaleRunner {
  /** The counter each Nakamoto-style engine increments when it produces a block. */
  private static final Map<String, String> PRODUCED_COUNTER =
      Map.of("pow", "pow.mined", "pos", "pos.proposed", "dpos", "dpos.block.produced");

  private ScaleRunner() {}

  /**
   * Runs {@code config}, optionally over the link model {@code linkDelay} builds from the members
   * (null: the config's latency model), on a random {@link Overlay} in which each node dials {@code
   * overlayOutbound} peers (0: the full mesh), with the invariant checkers looking every {@code
   * checkIntervalMillis} of virtual time.
   */
  public static ScaleResult run(
      SimulationConfig config,
      Function<List<NodeId>, LinkDelay> linkDelay,
      int overlayOutbound,
      long checkIntervalMillis) {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long wallStart = System.nanoTime();
    Simulation simulation = new Simulation(config);
    simulation.setInvariantCheckIntervalMillis(checkIntervalMillis);
    if (linkDelay != null) {
      simulation.network().setLinkDelay(linkDelay.apply(List.copyOf(simulation.nodes().keySet())));
    }
    double degree = 0;
    if (overlayOutbound > 0) {
      Overlay overlay =
          Overlay.random(
              List.copyOf(simulation.nodes().keySet()),
              overlayOutbound,
              new SeedTree(config.seed()).random("scale/overlay"));
      simulation.network().setOverlay(overlay);
      degree = overlay.averageDegree();
    }
    SimulationResult result = simulation.run();
    long wallMillis = (System.nanoTime() - wallStart) / 1_000_000;
    long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
    LoadReport load = simulation.loadReport();
    NetworkStats.Counters total = simulation.network().stats().total();
    NetworkStats.Counters consensus =
        simulation.network().stats().channel(MessageChannel.CONSENSUS);
    // a send to an unconnected node never reaches the wire, as in a real transport
    long messages = total.messagesSent() - total.messagesDropped(DropReason.NOT_CONNECTED);
    long bytes = total.bytesSent() - total.bytesDropped(DropReason.NOT_CONNECTED);
    long consensusMessages =
        consensus.messagesSent() - consensus.messagesDropped(DropReason.NOT_CONNECTED);
    long consensusBytes = consensus.bytesSent() - consensus.bytesDropped(DropReason.NOT_CONNECTED);
    long committed = load.finalized();
    double loadSeconds = config.durationMillis() / 1000.0;
    SimNode first = simulation.nodes().values().iterator().next();
    long finalHeight = first.core().chain().finalizedHead().height();
    long produced = -1;
    double stale = -1;
    String counter = PRODUCED_COUNTER.get(config.consensus());
    if (counter != null) {
      produced = 0;
      for (SimNode node : simulation.nodes().values()) {
        produced += node.metrics().counterTotal(counter);
      }
      // blocks above the final head may still join the final chain, so count against the head
      long kept = first.core().chain().head().height();
      stale = produced == 0 ? 0 : Math.max(0, 1.0 - (double) kept / produced);
    }
    return new ScaleResult(
        config.consensus(),
        config.nodes(),
        degree,
        loadSeconds,
        wallMillis,
        cpuMillis,
        committed,
        load.submitted(),
        loadSeconds == 0 ? 0 : committed / loadSeconds,
        load.p50Millis(),
        load.p90Millis(),
        load.p99Millis(),
        load.maxMillis(),
        messages,
        bytes,
        committed == 0 ? 0 : (double) messages / committed,
        committed == 0 ? 0 : (double) bytes / committed,
        committed == 0 ? 0 : (double) consensusMessages / committed,
        committed == 0 ? 0 : (double) consensusBytes / committed,
        finalHeight,
        produced,
        stale,
        viewChanges(config.consensus(), simulation),
        result.events(),
        result.isSafe());
  }

  private static long viewChanges(String consensus, Simulation simulation) {
    switch (consensus) {
      case "raft":
        long elections = 0;
        for (SimNode node : simulation.nodes().values()) {
          elections += node.metrics().counterTotal("raft.leader.elected");
        }
        return Math.max(0, elections - 1);
      case "pbft":
        long view = 0;
        for (Map.Entry<NodeId, SimNode> node : simulation.nodes().entrySet()) {
          if (node.getValue().core() != null) {
            view = Math.max(view, node.getValue().core().engine().status().round());
          }
        }
        return view;
      default:
        return -1;
    }
  }
}
