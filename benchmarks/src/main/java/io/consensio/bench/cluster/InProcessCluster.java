package io.consensio.bench.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.api.Member;
import io.consensio.api.Membership;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.config.FreePorts;
import io.consensio.runtime.ledger.Genesis;
import io.consensio.runtime.mempool.MempoolConfig;
import io.consensio.runtime.node.ConsensusRegistry;
import io.consensio.runtime.node.NodeSpec;
import io.consensio.runtime.state.LedgerRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/**
 * N real Consensio nodes in one JVM, talking over loopback Netty, each with RocksDB in its own
 * directory under a temporary directory that {@link #close()} deletes. Any installed consensus type
 * runs, with the settings of {@link ThroughputSettings}; the genesis funds {@link #clientKeys()} so
 * a load driver can sign transactions from them.
 *
 * <p>Keys come from a seeded {@link Random}, so two runs with one seed build the same chain; the
 * nodes themselves run on the wall clock and are not deterministic.
 *
 * <p>Threading: start, {@link #entryNode()} and close from one thread; nodes are thread-safe
 * through their event loops.
 */
public final class InProcessCluster implements AutoCloseable {
  static final String HOST = "127.0.0.1";

  /** Types with a stable leader that clients should send to (others accept at any node). */
  private static final java.util.Set<String> ELECTS_LEADER = java.util.Set.of("raft", "pbft");

  static final long CLIENT_BALANCE = 1_000_000_000_000L;
  static final long NODE_BALANCE = 1_000_000_000L;
  static final long NODE_STAKE = 1_000L;

  /** Generous enough for the in-flight windows the benchmarks use (a few thousand). */
  static final MempoolConfig MEMPOOL = new MempoolConfig(200_000, 256L << 20, 1_024, 400_000);

  private final String type;
  private final Path dir;
  private final List<ClusterNode> nodes;
  private final List<Ed25519KeyPair> clients;

  private InProcessCluster(
      String type, Path dir, List<ClusterNode> nodes, List<Ed25519KeyPair> clients) {
    this.type = type;
    this.dir = dir;
    this.nodes = nodes;
    this.clients = clients;
  }

  /**
   * Starts {@code nodeCount} nodes running {@code type} and waits until the cluster has a leader
   * (for types that elect one) or has started.
   *
   * @param clientCount funded client accounts to create
   * @param seed drives the node and client keys
   */
  public static InProcessCluster start(
      String type, int nodeCount, int clientCount, long seed, boolean verifySignatures) {
    return start(
        type,
        nodeCount,
        clientCount,
        seed,
        verifySignatures,
        ThroughputSettings.engineSection(type));
  }

  /**
   * As {@link #start(String, int, int, long, boolean)} with an explicit engine section.
   *
   * @param verifySignatures false writes {@code verifyTransactionSignatures: false} into the
   *     genesis rules, so the nodes accept transactions without valid signatures: the opaque mode,
   *     which leaves the consensus and ledger cost without the signature cost
   */
  public static InProcessCluster start(
      String type,
      int nodeCount,
      int clientCount,
      long seed,
      boolean verifySignatures,
      ObjectNode engineSection) {
    if (nodeCount < 1) {
      throw new IllegalArgumentException("need at least one node");
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("consensio-cluster-" + type + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
    Random random = new Random(seed);
    List<Ed25519KeyPair> nodeKeys = new ArrayList<>();
    List<Member> members = new ArrayList<>();
    Map<NodeId, InetSocketAddress> addresses = new LinkedHashMap<>();
    int[] ports = FreePorts.pickDistinct(HOST, nodeCount);
    for (int i = 0; i < nodeCount; i++) {
      Ed25519KeyPair key = keyFrom(random);
      NodeId id = NodeId.of(String.format("node-%02d", i));
      nodeKeys.add(key);
      members.add(new Member(id, key.publicKey()));
      addresses.put(id, InetSocketAddress.createUnresolved(HOST, ports[i]));
    }
    List<Ed25519KeyPair> clients = new ArrayList<>();
    for (int c = 0; c < clientCount; c++) {
      clients.add(keyFrom(random));
    }
    Genesis genesis = genesis(type, nodeKeys, clients, verifySignatures);
    Membership membership = new Membership(members);
    ConsensusRegistry registry = ConsensusRegistry.loadDefault();
    List<ClusterNode> nodes = new ArrayList<>();
    InProcessCluster cluster = new InProcessCluster(type, dir, nodes, clients);
    try {
      for (int i = 0; i < nodeCount; i++) {
        Member member = members.get(i);
        Map<NodeId, InetSocketAddress> others = new LinkedHashMap<>(addresses);
        others.remove(member.id());
        NodeSpec spec =
            new NodeSpec(
                member.id(), nodeKeys.get(i), membership, genesis, type, engineSection, MEMPOOL);
        nodes.add(
            new ClusterNode(
                spec,
                dir.resolve(member.id().value()),
                addresses.get(member.id()).getPort(),
                others,
                genesis.chainId(),
                registry,
                random.nextLong()));
      }
      for (ClusterNode node : nodes) {
        node.start();
      }
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  private static Genesis genesis(
      String type,
      List<Ed25519KeyPair> nodeKeys,
      List<Ed25519KeyPair> clients,
      boolean verifySignatures) {
    List<Genesis.GenesisAccount> accounts = new ArrayList<>();
    for (Ed25519KeyPair key : nodeKeys) {
      accounts.add(new Genesis.GenesisAccount(key.publicKey(), NODE_BALANCE, NODE_STAKE));
    }
    for (Ed25519KeyPair client : clients) {
      accounts.add(new Genesis.GenesisAccount(client.publicKey(), CLIENT_BALANCE, 0));
    }
    // the genesis time is now, so slot-based engines start at slot 0 rather than decades in
    return new Genesis(
        "bench-" + type,
        System.currentTimeMillis(),
        accounts,
        List.of(),
        LedgerRules.DEFAULTS.withVerifyTransactionSignatures(verifySignatures));
  }

  private static Ed25519KeyPair keyFrom(Random random) {
    byte[] seed = new byte[32];
    random.nextBytes(seed);
    return Ed25519KeyPair.fromSeed(seed);
  }

  public String type() {
    return type;
  }

  public List<ClusterNode> nodes() {
    return List.copyOf(nodes);
  }

  /** The funded client keys, in creation order. */
  public List<Ed25519KeyPair> clientKeys() {
    return List.copyOf(clients);
  }

  /** The public keys of the funded clients. */
  public List<PublicKey> clientPublicKeys() {
    return clients.stream().map(Ed25519KeyPair::publicKey).toList();
  }

  /**
   * The node a client should send to: the node that reports itself as leader / primary, once one
   * does; for leaderless types (PoW, PoS, DPoS) the first node. Waits up to {@code timeoutMillis}
   * for a leader to emerge.
   */
  public ClusterNode entryNode(long timeoutMillis) throws InterruptedException {
    if (!ELECTS_LEADER.contains(type)) {
      return nodes.get(0);
    }
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (System.nanoTime() < deadline) {
      for (ClusterNode node : nodes) {
        Optional<NodeId> leader = node.status().leader();
        if (leader.isPresent() && leader.get().equals(node.id())) {
          return node;
        }
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException(
        "no " + type + " node became leader within " + timeoutMillis + " ms");
  }

  /** Stops every node and deletes the temporary directory. */
  @Override
  public void close() {
    for (ClusterNode node : nodes) {
      try {
        node.close();
      } catch (RuntimeException e) {
        System.getLogger(InProcessCluster.class.getName())
            .log(System.Logger.Level.WARNING, "node " + node.id() + " did not close cleanly", e);
      }
    }
    deleteRecursively(dir);
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
