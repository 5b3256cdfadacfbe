package io.consensio.bench.cluster;

import io.consensio.api.EngineStatus;
import io.consensio.api.services.AdmitResult;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.runtime.node.ConsensusRegistry;
import io.consensio.runtime.node.NodeAssembly;
import io.consensio.runtime.node.NodeCore;
import io.consensio.runtime.node.NodeSpec;
import io.consensio.runtime.transport.TransportConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One real node of an {@link InProcessCluster}: the runtime's {@link NodeAssembly} — the same parts
 * {@code ConsensioNode} runs (one event-loop thread, the Netty peer transport with its
 * authenticated handshake, RocksDB in its own directory with real fsyncs, the compute pool,
 * Micrometer metrics) — without the HTTP API in front, so that a load driver in the same JVM
 * reaches the node core (admit a transaction, watch finality) without an HTTP/JSON round trip per
 * transaction.
 *
 * <p>Threading: {@link #onLoop} may be called from any thread; the function runs on the node's
 * event loop, the only thread that touches the core.
 */
public final class ClusterNode implements AutoCloseable {
  private final NodeSpec spec;
  private final NodeAssembly node;

  ClusterNode(
      NodeSpec spec,
      Path dataDir,
      int listenPort,
      Map<NodeId, InetSocketAddress> otherPeers,
      String networkId,
      ConsensusRegistry registry,
      long seed) {
    this.spec = spec;
    this.node =
        new NodeAssembly(
            spec,
            dataDir,
            TransportConfig.of(
                spec.id(),
                InProcessCluster.HOST,
                listenPort,
                otherPeers,
                networkId,
                spec.consensusType()),
            new Random(seed),
            registry,
            "bench-" + spec.id().value());
  }

  /** Joins the network and starts the engine. */
  void start() {
    node.start();
  }

  public NodeId id() {
    return spec.id();
  }

  /** Runs {@code query} on the node's event loop and completes with its answer. */
  public <T> CompletableFuture<T> onLoop(Function<NodeCore, T> query) {
    return node.onLoop(query);
  }

  /**
   * Admits {@code batch} into this node's mempool, in order, {@link #SUBMIT_SLICE} transactions per
   * event-loop task, as separate client requests would arrive: one task for a whole refill of the
   * closed loop (thousands of signature checks) held the loop past timers and slots.
   */
  CompletableFuture<List<AdmitResult>> submitAll(List<Transaction> batch) {
    List<CompletableFuture<List<AdmitResult>>> slices = new ArrayList<>();
    for (int from = 0; from < batch.size(); from += SUBMIT_SLICE) {
      List<Transaction> slice = batch.subList(from, Math.min(batch.size(), from + SUBMIT_SLICE));
      slices.add(onLoop(c -> slice.stream().map(c::submit).toList()));
    }
    return CompletableFuture.allOf(slices.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              List<AdmitResult> results = new ArrayList<>(batch.size());
              slices.forEach(slice -> results.addAll(slice.join()));
              return results;
            });
  }

  /** Most client transactions admitted in one event-loop task (the runtime's gossip slice too). */
  static final int SUBMIT_SLICE = 128;

  /**
   * Hands every block that becomes final on this node from now on to {@code consumer}, on the event
   * loop, in height order.
   */
  FinalBlockFeed followFinalBlocks(
      java.util.function.Consumer<io.consensio.api.types.Block> consumer) {
    return await(
        onLoop(
            c -> {
              FinalBlockFeed feed = new FinalBlockFeed(c, node.eventLoop(), consumer);
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

  /** The current value of one of this node's gauges (0 when it has none by that name). */
  public double gauge(String name) {
    var gauge = node.metrics().registry().find(name).gauge();
    return gauge == null ? 0 : gauge.value();
  }

  /** The sum of this node's counters named {@code name}, over all their tags (0 when none). */
  public double counter(String name) {
    return node.metrics().registry().find(name).counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
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
    node.close();
  }
}
