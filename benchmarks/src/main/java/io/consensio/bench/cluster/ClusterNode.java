package io.consensio.bench.cluster;

import io.consensio.api.EngineStatus;
import io.consensio.api.Membership;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.services.AdmitResult;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.runtime.metrics.MicrometerMetrics;
import io.consensio.runtime.node.ConsensusRegistry;
import io.consensio.runtime.node.EventLoopScheduler;
import io.consensio.runtime.node.NodeCore;
import io.consensio.runtime.node.NodeSpec;
import io.consensio.runtime.node.Platform;
import io.consensio.runtime.node.ThreadPoolCompute;
import io.consensio.runtime.storage.rocksdb.RocksStorageProvider;
import io.consensio.runtime.transport.PeerTransport;
import io.consensio.runtime.transport.TransportConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One real node of an {@link InProcessCluster}: the parts {@code ConsensioNode} assembles — one
 * event-loop thread, the Netty peer transport with its authenticated handshake, RocksDB in its own
 * directory (syncs are real fsyncs), the worker pool for engine compute and Micrometer metrics —
 * around the same {@link NodeCore}, minus the HTTP API. It is assembled here rather than through
 * {@code ConsensioNode} because a load driver in the same JVM must reach the node core (admit a
 * transaction, watch finality) without paying an HTTP/JSON round trip per transaction, and {@code
 * ConsensioNode} does not expose its core.
 *
 * <p>Threading: {@link #onLoop} may be called from any thread; the function runs on the node's
 * event loop, the only thread that touches the core.
 */
public final class ClusterNode implements AutoCloseable {
  private final NodeSpec spec;
  private final EventLoopScheduler eventLoop;
  private final RocksStorageProvider storage;
  private final ThreadPoolCompute compute;
  private final PeerTransport transport;
  private final NodeCore core;

  ClusterNode(
      NodeSpec spec,
      Path dataDir,
      int listenPort,
      Map<NodeId, InetSocketAddress> otherPeers,
      String networkId,
      ConsensusRegistry registry,
      long seed) {
    this.spec = spec;
    MicrometerMetrics metrics = new MicrometerMetrics();
    this.eventLoop = new EventLoopScheduler("bench-" + spec.id().value(), metrics);
    this.storage = RocksStorageProvider.open(dataDir);
    this.compute =
        new ThreadPoolCompute(
            Math.max(1, Runtime.getRuntime().availableProcessors() - 1),
            eventLoop,
            metrics,
            spec.id().value());
    Ed25519KeyPair key = spec.key();
    Membership membership = spec.membership();
    NodeCore[] assembled = new NodeCore[1];
    this.transport =
        new PeerTransport(
            TransportConfig.of(
                spec.id(),
                InProcessCluster.HOST,
                listenPort,
                otherPeers,
                networkId,
                spec.consensusType()),
            key,
            membership,
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
            new Random(seed),
            compute,
            registry);
    this.core = NodeCore.assemble(spec, platform);
    assembled[0] = core;
  }

  /** Joins the network and starts the engine. */
  void start() {
    transport.start();
    await(
        onLoop(
            c -> {
              c.start();
              return null;
            }));
  }

  public NodeId id() {
    return spec.id();
  }

  /** Runs {@code query} on the node's event loop and completes with its answer. */
  public <T> CompletableFuture<T> onLoop(Function<NodeCore, T> query) {
    return CompletableFuture.supplyAsync(() -> query.apply(core), eventLoop);
  }

  /** Admits {@code batch} into this node's mempool, in order, in one event-loop task. */
  CompletableFuture<List<AdmitResult>> submitAll(List<Transaction> batch) {
    return onLoop(c -> batch.stream().map(c::submit).toList());
  }

  /**
   * Hands every block that becomes final on this node from now on to {@code consumer}, on the event
   * loop, in height order.
   */
  FinalBlockFeed followFinalBlocks(
      java.util.function.Consumer<io.consensio.api.types.Block> consumer) {
    return await(
        onLoop(
            c -> {
              FinalBlockFeed feed = new FinalBlockFeed(c, eventLoop, consumer);
              feed.start();
              return feed;
            }));
  }

  void stopFollowing(FinalBlockFeed feed) {
    await(
        onLoop(
            c -> {
              feed.stop();
              return null;
            }));
  }

  /** The engine's own account of itself, read on the loop. */
  public EngineStatus status() {
    return await(onLoop(NodeCore::status));
  }

  /** Height of the highest final block. */
  public long finalizedHeight() {
    return await(onLoop(c -> c.chain().finalizedHead().height()));
  }

  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the node's event loop did not answer", e);
    }
  }

  /** Stops the engine, then the network, compute and loop, and closes storage last. */
  @Override
  public void close() {
    try {
      await(
          onLoop(
              c -> {
                c.stop();
                return null;
              }));
    } catch (IllegalStateException e) {
      System.getLogger(ClusterNode.class.getName())
          .log(System.Logger.Level.WARNING, "engine of " + spec.id() + " did not stop cleanly", e);
    }
    transport.close();
    compute.close();
    eventLoop.close();
    storage.close();
  }
}
