package io.consensio.runtime.node;

import io.consensio.api.Member;
import io.consensio.api.Membership;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.config.KeyFile;
import io.consensio.runtime.config.NodeConfig;
import io.consensio.runtime.config.PeerConfig;
import io.consensio.runtime.http.HttpApiConfig;
import io.consensio.runtime.http.HttpApiServer;
import io.consensio.runtime.http.NodeFacts;
import io.consensio.runtime.ledger.Genesis;
import io.consensio.runtime.mempool.MempoolConfig;
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

/**
 * A real Consensio node: the same {@link NodeCore} the simulator runs, on the wall clock and one
 * event-loop thread, with the Netty peer transport, RocksDB in its data directory, a worker pool
 * for CPU-heavy engine work and the HTTP/JSON API. Built from a validated {@link NodeConfig}.
 */
public final class ConsensioNode implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ConsensioNode.class.getName());

  private final NodeConfig config;
  private final NodeAssembly node;
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
    this.node =
        new NodeAssembly(
            spec,
            config.node().dataDir(),
            TransportConfig.of(
                spec.id(),
                config.node().listen().host(),
                config.node().listen().port(),
                peerAddresses(config),
                config.network().id(),
                spec.consensusType()),
            new Random(new SecureRandom().nextLong()),
            registry,
            "consensio-" + spec.id());
    NodeCore core = node.core();
    core.watchPeers(
        new TransportMembership(
            membership.member(spec.id()).orElseThrow(),
            peerAddresses(config),
            node.transport(),
            node.metrics()));
    this.api =
        config.api().enabled()
            ? new HttpApiServer(
                HttpApiConfig.of(config.api()),
                core,
                node.eventLoop(),
                node.metrics(),
                NodeFacts.of(spec))
            : null;
  }

  /**
   * Opens storage (reloading and checking the stored chain), joins the network and serves the API.
   */
  public static ConsensioNode start(NodeConfig config, ConsensusRegistry registry) {
    ConsensioNode started = new ConsensioNode(config, registry);
    started.node.start();
    if (started.api != null) {
      started.apiPort = started.api.start();
    }
    LOG.log(
        System.Logger.Level.INFO,
        "node {0} running {1}: peers on {2}, API on port {3}, head height {4}",
        config.node().id(),
        config.consensus().type(),
        started.node.transport().boundPort(),
        started.apiPort,
        started.node.core().chain().head().height());
    return started;
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

  public int apiPort() {
    return apiPort;
  }

  public int peerPort() {
    return node.transport().boundPort();
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
    node.stopEngine();
    if (api != null) {
      api.close();
    }
    node.closeResources();
  }
}
