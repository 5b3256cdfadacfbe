package io.consensio.sim;

import io.consensio.api.crypto.Verifier;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.metrics.InMemoryMetrics;
import io.consensio.runtime.net.PeerMessenger;
import io.consensio.runtime.node.ConsensusRegistry;
import io.consensio.runtime.node.NodeCore;
import io.consensio.runtime.node.NodeSpec;
import io.consensio.runtime.node.Platform;
import io.consensio.sim.disk.SimDisk;
import io.consensio.sim.net.SimNetwork;
import io.consensio.sim.random.SeedTree;
import io.consensio.sim.time.SimScheduler;

/**
 * One simulated process: a node core assembled exactly as a real node's, on virtual time, the
 * simulated network and a crashable disk. A crash throws the node core away with everything it held
 * in memory; a restart assembles a new one from what the disk had synced.
 */
public final class SimNode {
  private final NodeSpec spec;
  private final SimScheduler scheduler;
  private final SimDisk disk;
  private final PeerMessenger messenger;
  private final SimNetwork network;
  private final SeedTree seeds;
  private final Verifier verifier;
  private final ConsensusRegistry registry;
  private final double computeUnitsPerSecond;
  private final InMemoryMetrics metrics = new InMemoryMetrics();
  private NodeCore core;

  SimNode(
      NodeSpec spec,
      SimScheduler scheduler,
      SimNetwork network,
      SeedTree seeds,
      Verifier verifier,
      ConsensusRegistry registry,
      double computeUnitsPerSecond) {
    this.spec = spec;
    this.scheduler = scheduler;
    this.network = network;
    this.seeds = seeds;
    this.verifier = verifier;
    this.registry = registry;
    this.computeUnitsPerSecond = computeUnitsPerSecond;
    this.disk = new SimDisk();
    this.messenger = network.register(spec.id(), scheduler);
  }

  public NodeId id() {
    return spec.id();
  }

  SimScheduler scheduler() {
    return scheduler;
  }

  public InMemoryMetrics metrics() {
    return metrics;
  }

  /** The running node core, or null while crashed. */
  public NodeCore core() {
    return core;
  }

  boolean isRunning() {
    return core != null && scheduler.state() == SimScheduler.State.RUNNING;
  }

  /** Assembles a node core from the disk (first start or restart) and starts its engine. */
  void start() {
    Platform platform =
        new Platform(
            scheduler,
            messenger,
            disk,
            metrics,
            verifier,
            seeds.random("node/" + spec.id() + "/incarnation/" + scheduler.incarnation()),
            new SimCompute(scheduler, computeUnitsPerSecond, 1),
            registry);
    core = NodeCore.assemble(spec, platform);
    network.setHandler(spec.id(), core);
    scheduler.schedule(0, core::start);
  }

  /** kill -9: timers and in-memory state are gone, unsynced writes lost. */
  void crash() {
    scheduler.crash();
    disk.crash();
    core = null;
  }

  void restart() {
    scheduler.restart();
    start();
  }
}
