package io.consensio.runtime.node;

import io.consensio.api.Member;
import io.consensio.api.Membership;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.config.KeyFile;
import io.consensio.runtime.config.NodeConfig;
import io.consensio.runtime.config.PeerConfig;
import io.consensio.runtime.http.HttpApiConfig;
import io.consensio.runtime.http.HttpApiServer;
import io.consensio.runtime.http.NodeFacts;
import io.consensio.runtime.ledger.Genesis;
import io.consensio.runtime.mempool.MempoolConfig;
import io.consensio.runtime.metrics.MicrometerMetrics;
import io.consensio.runtime.storage.rocksdb.RocksStorageProvider;
import io.consensio.runtime.transport.PeerTransport;
import io.consensio.runtime.transport.TransportConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real Consensio node: the same {@link NodeCore} the simulator runs, on the wall clock and one
 * event-loop thread, with the Netty peer transport, RocksDB in its data directory, a worker pool
 * for CPU-heavy engine work and the HTTP/JSON API. Built from a validated {@link NodeConfig}.
 */
public final class ConsensioNode implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ConsensioNode.class.getName());

  private final NodeConfig config;
  private final MicrometerMetrics metrics;
  private final EventLoopScheduler eventLoop;
  private final RocksStorageProvider storage;
  private final ThreadPoolCompute compute;
  private final PeerTransport transport;
  private final NodeCore core;
  private final HttpApiServer api;
  private int apiPort = -1;

  private ConsensioNode(NodeConfig config, ConsensusRegistry registry) {
    this.config = config;
    Ed25519KeyPair key = KeyFile.read(config.node().keyFile());
    Membership membership = membership(config, key);
    Genesis genesis;
    try {
      genesis = Genesis.load(config.genesis());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the genesis file " + config.genesis(), e);
    }
    NodeSpec spec =
        new NodeSpec(
            config.node().id(),
            key,
            membership,
            genesis,
            config.consensus().type(),
            config.consensus().engineSection(),
            MempoolConfig.DEFAULTS);
    this.metrics = new MicrometerMetrics();
    this.eventLoop = new EventLoopScheduler("consensio-" + spec.id(), metrics);
    this.storage = RocksStorageProvider.open(config.node().dataDir());
    this.compute =
        new ThreadPoolCompute(
            Math.max(1, Runtime.getRuntime().availableProcessors() - 1),
            eventLoop,
            metrics,
            spec.id().value());
    NodeCore[] assembled = new NodeCore[1];
    this.transport =
        new PeerTransport(
            TransportConfig.of(
                spec.id(),
                config.node().listen().host(),
                config.node().listen().port(),
                peerAddresses(config),
                config.network().id(),
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
            new Random(new SecureRandom().nextLong()),
            compute,
            registry);
    this.core = NodeCore.assemble(spec, platform);
    assembled[0] = core;
    core.watchPeers(
        new TransportMembership(
            membership.member(spec.id()).orElseThrow(), peerAddresses(config), transport, metrics));
    this.api =
        config.api().enabled()
            ? new HttpApiServer(
                HttpApiConfig.of(config.api()), core, eventLoop, metrics, NodeFacts.of(spec))
            : null;
  }

  /**
   * Opens storage (reloading and checking the stored chain), joins the network and serves the API.
   */
  public static ConsensioNode start(NodeConfig config, ConsensusRegistry registry) {
    ConsensioNode node = new ConsensioNode(config, registry);
    node.transport.start();
    node.runOnLoop(node.core::start);
    if (node.api != null) {
      node.apiPort = node.api.start();
    }
    LOG.log(
        System.Logger.Level.INFO,
        "node {0} running {1}: peers on {2}, API on port {3}, head height {4}",
        config.node().id(),
        config.consensus().type(),
        node.transport.boundPort(),
        node.apiPort,
        node.core.chain().head().height());
    return node;
  }

  private static Membership membership(NodeConfig config, Ed25519KeyPair key) {
    List<Member> members = new ArrayList<>();
    boolean selfListed = false;
    for (PeerConfig peer : config.peers()) {
      members.add(new Member(peer.id(), peer.publicKey()));
      selfListed |= peer.id().equals(config.node().id());
    }
    if (!selfListed) {
      members.add(new Member(config.node().id(), key.publicKey()));
    }
    return new Membership(members);
  }

  private static Map<NodeId, InetSocketAddress> peerAddresses(NodeConfig config) {
    Map<NodeId, InetSocketAddress> peers = new LinkedHashMap<>();
    for (PeerConfig peer : config.peers()) {
      if (!peer.id().equals(config.node().id())) {
        peers.put(
            peer.id(),
            InetSocketAddress.createUnresolved(peer.address().host(), peer.address().port()));
      }
    }
    return peers;
  }

  private void runOnLoop(Runnable task) {
    CompletableFuture<Void> done = CompletableFuture.runAsync(task, eventLoop);
    try {
      done.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the node's event loop did not run " + task, e);
    }
  }

  public int apiPort() {
    return apiPort;
  }

  public int peerPort() {
    return transport.boundPort();
  }

  public NodeConfig config() {
    return config;
  }

  /**
   * Stops cleanly: the engine first (on its loop), then the network and API, then the loop, and
   * storage last, once nothing can write to it any more.
   */
  @Override
  public void close() {
    try {
      runOnLoop(core::stop);
    } catch (IllegalStateException e) {
      LOG.log(System.Logger.Level.WARNING, "engine did not stop cleanly", e);
    }
    if (api != null) {
      api.close();
    }
    transport.close();
    compute.close();
    eventLoop.close();
    storage.close();
  }
}
