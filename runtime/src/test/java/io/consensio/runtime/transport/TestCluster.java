package io.consensio.runtime.transport;

import io.consensio.api.Member;
import io.consensio.api.Membership;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.Signer;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.net.MessageChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Members {@code node-1..node-n} with fresh keys and OS-chosen loopback ports, and the transports a
 * test starts for them. Each node gets its own single-threaded "node loop" executor, as in a real
 * node. Closing the cluster closes every transport and executor it started.
 */
final class TestCluster implements AutoCloseable {
  static final String NETWORK = "testnet";
  static final String CONSENSUS = "raft";
  static final String NODE_LOOP_PREFIX = "node-loop-";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A running transport and what it observed. */
  record Node(
      NodeId id,
      PeerTransport transport,
      RecordingHandler inbox,
      CountingMetrics metrics,
      ExecutorService loop) {
    void send(NodeId to, MessageChannel channel, String text) {
      transport.send(to, channel, text.getBytes(StandardCharsets.UTF_8));
    }
  }

  final Map<NodeId, Ed25519KeyPair> keys = new LinkedHashMap<>();
  final Map<NodeId, Integer> ports = new LinkedHashMap<>();
  final Membership membership;
  private final List<PeerTransport> transports = new ArrayList<>();
  private final List<ExecutorService> loops = new ArrayList<>();

  TestCluster(int members) {
    List<Member> list = new ArrayList<>();
    for (int i = 1; i <= members; i++) {
      NodeId id = NodeId.of("node-" + i);
      Ed25519KeyPair key = Ed25519KeyPair.generate(RANDOM);
      keys.put(id, key);
      ports.put(id, freePort());
      list.add(new Member(id, key.publicKey()));
    }
    membership = new Membership(list);
  }

  static NodeId id(int n) {
    return NodeId.of("node-" + n);
  }

  static Ed25519KeyPair freshKey() {
    return Ed25519KeyPair.generate(RANDOM);
  }

  /** A port for a node the others must know in advance (outside the ephemeral range). */
  static int freePort() {
    return io.consensio.runtime.config.FreePorts.pick("127.0.0.1");
  }

  InetSocketAddress address(NodeId id) {
    return new InetSocketAddress("127.0.0.1", ports.get(id));
  }

  /** Config for {@code self} dialling {@code peers}, with test-friendly backoff and timeout. */
  TransportConfig config(NodeId self, Collection<NodeId> peers) {
    Map<NodeId, InetSocketAddress> addresses = new LinkedHashMap<>();
    peers.forEach(peer -> addresses.put(peer, address(peer)));
    return TransportConfig.of(self, "127.0.0.1", ports.get(self), addresses, NETWORK, CONSENSUS)
        .withReconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(300))
        .withHandshakeTimeout(Duration.ofSeconds(3));
  }

  Node start(TransportConfig config) {
    return start(config, keys.get(config.self()), membership);
  }

  Node start(TransportConfig config, Signer signer, Membership membership) {
    Node node = create(config, signer, membership);
    node.transport().start();
    return node;
  }

  /** A transport that is built but not started, so a test can queue messages first. */
  Node create(TransportConfig config, Signer signer, Membership membership) {
    ExecutorService loop =
        Executors.newSingleThreadExecutor(r -> new Thread(r, NODE_LOOP_PREFIX + config.self()));
    loops.add(loop);
    RecordingHandler inbox = new RecordingHandler();
    CountingMetrics metrics = new CountingMetrics();
    PeerTransport transport =
        new PeerTransport(
            config, signer, membership, Ed25519Verifier.INSTANCE, inbox, loop, metrics);
    transports.add(transport);
    return new Node(config.self(), transport, inbox, metrics, loop);
  }

  /** Starts a transport for each of {@code ids}, each dialling all the others. */
  List<Node> startAll(List<NodeId> ids) {
    List<Node> nodes = new ArrayList<>();
    for (NodeId id : ids) {
      nodes.add(start(config(id, ids.stream().filter(other -> !other.equals(id)).toList())));
    }
    return nodes;
  }

  @Override
  public void close() {
    transports.forEach(PeerTransport::close);
    loops.forEach(ExecutorService::shutdownNow);
  }
}
