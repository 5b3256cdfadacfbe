package io.consensio.runtime.node;

import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.metrics.MicrometerMetrics;
import io.consensio.runtime.storage.rocksdb.RocksStorageProvider;
import io.consensio.runtime.transport.PeerTransport;
import io.consensio.runtime.transport.TransportConfig;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The parts of a node that runs on the wall clock, around one {@link NodeCore}: one event-loop
 * thread, the Netty peer transport, RocksDB in the data directory, a worker pool for CPU-heavy
 * engine work and Micrometer metrics. {@link ConsensioNode} puts the HTTP API in front of it; the
 * benchmarks' in-process clusters drive the core directly. One assembly, so both run the same node.
 *
 * <p>Threading: {@link #onLoop} and {@link #runOnLoop} may be called from any thread; the work runs
 * on the node's event loop, the only thread that touches the core.
 */
public final class NodeAssembly implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(NodeAssembly.class.getName());

  private final NodeId id;
  private final MicrometerMetrics metrics;
  private final EventLoopScheduler eventLoop;
  private final RocksStorageProvider storage;
  private final ThreadPoolCompute compute;
  private final PeerTransport transport;
  private final NodeCore core;

  /**
   * @param threadName the event loop's thread name
   * @param random the engine's source of randomness (seeded in benchmarks, secure in production)
   */
  public NodeAssembly(
      NodeSpec spec,
      Path dataDir,
      TransportConfig transportConfig,
      Random random,
      ConsensusRegistry registry,
      String threadName) {
    this.id = spec.id();
    this.metrics = new MicrometerMetrics();
    this.eventLoop = new EventLoopScheduler(threadName, metrics);
    this.storage = RocksStorageProvider.open(dataDir);
    this.compute =
        new ThreadPoolCompute(
            Math.max(1, Runtime.getRuntime().availableProcessors() - 1),
            eventLoop,
            metrics,
            spec.id().value());
    // the transport hands messages to the core, which needs the transport: tie the knot here
    NodeCore[] assembled = new NodeCore[1];
    this.transport =
        new PeerTransport(
            transportConfig,
            spec.key(),
            spec.membership(),
            Ed25519Verifier.INSTANCE,
            (from, channel, payload) -> assembled[0].onMessage(from, channel, payload),
            eventLoop,
            metrics);
    Platform platform =
        new Platform(
            eventLoop,
            transport,
            storage,
            metrics,
            Ed25519Verifier.INSTANCE,
            random,
            compute,
            registry);
    this.core = NodeCore.assemble(spec, platform);
    assembled[0] = core;
  }

  /** Joins the network and starts the engine. */
  public void start() {
    transport.start();
    runOnLoop(core::start);
  }

  /** Runs {@code query} on the node's event loop and completes with its answer. */
  public <T> CompletableFuture<T> onLoop(Function<NodeCore, T> query) {
    return CompletableFuture.supplyAsync(() -> query.apply(core), eventLoop);
  }

  /** Runs {@code task} on the node's event loop and waits (at most 30 s) until it has run. */
  public void runOnLoop(Runnable task) {
    CompletableFuture<Void> done = CompletableFuture.runAsync(task, eventLoop);
    try {
      done.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the node's event loop did not run " + task, e);
    }
  }

  public NodeCore core() {
    return core;
  }

  public MicrometerMetrics metrics() {
    return metrics;
  }

  public EventLoopScheduler eventLoop() {
    return eventLoop;
  }

  public PeerTransport transport() {
    return transport;
  }

  /** Stops the engine on its loop; a loop that does not answer is logged, not thrown. */
  public void stopEngine() {
    try {
      runOnLoop(core::stop);
    } catch (IllegalStateException e) {
      LOG.log(System.Logger.Level.WARNING, "engine of " + id + " did not stop cleanly", e);
    }
  }

  /**
   * Closes the network, compute and loop, and storage last, once nothing can write to it any more.
   * Call after {@link #stopEngine}.
   */
  public void closeResources() {
    transport.close();
    compute.close();
    eventLoop.close();
    storage.close();
  }

  /** Stops the engine, then closes everything else. */
  @Override
  public void close() {
    stopEngine();
    closeResources();
  }
}
