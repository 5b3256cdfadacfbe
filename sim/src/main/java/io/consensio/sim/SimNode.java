package io.consensio.sim;

import io.consensio.api.crypto.Verifier;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.metrics.InMemoryMetrics;
import io.consensio.runtime.net.PeerMessenger;
import io.consensio.runtime.node.ConsensusRegistry;
import io.consensio.runtime.node.NodeCore;
import io.consensio.runtime.node.NodeSpec;
import io.consensio.runtime.node.Platform;
import io.consensio.sim.byzantine.Adversary;
import io.consensio.sim.disk.SimDisk;
import io.consensio.sim.net.SimNetwork;
import io.consensio.sim.random.SeedTree;
import io.consensio.sim.time.SimScheduler;

/**
 * One simulated process: a node core assembled exactly as a real node's, on virtual time, the
 * simulated network and a crashable disk. A crash throws the node core away with everything it held
 * in memory; a restart assembles a new one from what the disk had synced.
 *
 * <p>A byzantine node may have a twin: a second SimNode with the same spec (identity and key), its
 * own scheduler and disk, sending through the first one's connection, so peers see one member
 * saying two things. The {@link Adversary} decides which messages each instance receives.
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
  private final Adversary adversary;
  private final PeerMessenger connection;
  private final boolean isTwin;
  private SimNode twin;
  private NodeCore core;

  SimNode(
      NodeSpec spec,
      SimScheduler scheduler,
      SimNetwork network,
      SeedTree seeds,
      Verifier verifier,
      ConsensusRegistry registry,
      double computeUnitsPerSecond) {
    this(
        spec,
        scheduler,
        network,
        seeds,
        verifier,
        registry,
        computeUnitsPerSecond,
        Adversary.NONE,
        null);
  }

  /** A node, or with {@code twinOf} set the twin of that (already registered) node. */
  SimNode(
      NodeSpec spec,
      SimScheduler scheduler,
      SimNetwork network,
      SeedTree seeds,
      Verifier verifier,
      ConsensusRegistry registry,
      double computeUnitsPerSecond,
      Adversary adversary,
      SimNode twinOf) {
    this.spec = spec;
    this.scheduler = scheduler;
    this.network = network;
    this.seeds = seeds;
    this.adversary = adversary;
    this.isTwin = twinOf != null;
    this.verifier = adversary.verifier(spec.id(), verifier);
    this.registry = registry;
    this.computeUnitsPerSecond = computeUnitsPerSecond;
    this.disk = new SimDisk();
    this.connection = isTwin ? twinOf.connection : network.register(spec.id(), scheduler);
    this.messenger = adversary.outbound(spec.id(), isTwin ? 1 : 0, scheduler, connection);
    if (isTwin) {
      twinOf.twin = this;
    }
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
            seeds.random(
                (isTwin ? "twin/" : "node/")
                    + spec.id()
                    + "/incarnation/"
                    + scheduler.incarnation()),
            new SimCompute(scheduler, computeUnitsPerSecond, 1),
            registry);
    core = NodeCore.assemble(spec, platform);
    if (!isTwin) {
      network.setHandler(
          spec.id(),
          adversary.inbound(spec.id(), core, twin == null ? null : twin::deliver, metrics));
    }
    scheduler.schedule(0, core::start);
  }

  /** A message for the twin, handed over on its own event loop; lost while it is down. */
  private void deliver(NodeId from, io.consensio.runtime.net.MessageChannel channel, byte[] bytes) {
    if (core != null && scheduler.state() != SimScheduler.State.CRASHED) {
      NodeCore target = core;
      scheduler.schedule(0, () -> target.onMessage(from, channel, bytes));
    }
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
