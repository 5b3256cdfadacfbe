package io.consensio.dpos;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.api.EngineStatus;
import io.consensio.api.Member;
import io.consensio.api.Membership;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.services.Compute;
import io.consensio.api.types.Block;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.dpos.schedule.RoundState;
import io.consensio.dpos.seal.DposSeal;
import io.consensio.runtime.ledger.Genesis;
import io.consensio.runtime.metrics.InMemoryMetrics;
import io.consensio.runtime.net.PeerMessenger;
import io.consensio.runtime.node.ConsensusRegistry;
import io.consensio.runtime.node.NodeCore;
import io.consensio.runtime.node.NodeSpec;
import io.consensio.runtime.node.Platform;
import io.consensio.runtime.state.LedgerRules;
import io.consensio.sim.disk.SimDisk;
import io.consensio.sim.net.LatencyModel;
import io.consensio.sim.net.NetworkModel;
import io.consensio.sim.net.SimNetwork;
import io.consensio.sim.time.EventQueue;
import io.consensio.sim.time.SimScheduler;
import io.consensio.sim.trace.TraceRecorder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/**
 * A small DPoS cluster for scenario tests, assembled from the simulator's parts (virtual time, the
 * simulated network, crashable disks) and the runtime's real node core, so a test can act between
 * steps: submit votes, crash a delegate, cut the network, read every node's chain. Deterministic.
 */
final class DposCluster {
  static final long CLIENT_BALANCE = 10_000_000;
  static final long NODE_BALANCE = 1_000_000;

  private final EventQueue queue = new EventQueue();
  private final TraceRecorder trace = new TraceRecorder();
  private final SimNetwork network;
  private final List<Ed25519KeyPair> keys = new ArrayList<>();
  private final List<Ed25519KeyPair> clients = new ArrayList<>();
  private final Membership membership;
  private final List<SimScheduler> schedulers = new ArrayList<>();
  private final List<SimDisk> disks = new ArrayList<>();
  private final List<PeerMessenger> messengers = new ArrayList<>();
  private final List<NodeSpec> specs = new ArrayList<>();
  private final List<InMemoryMetrics> metrics = new ArrayList<>();
  private final NodeCore[] cores;
  private final ConsensusRegistry registry = ConsensusRegistry.loadDefault();

  /**
   * @param candidateDeposits genesis delegate candidates: node index to deposit
   * @param messengerWrapper lets a test put a byzantine layer around one node's outbound messages
   */
  DposCluster(
      int nodes,
      int clientCount,
      ObjectNode section,
      Map<Integer, Long> candidateDeposits,
      Function<Integer, Function<PeerMessenger, PeerMessenger>> messengerWrapper) {
    network =
        new SimNetwork(NetworkModel.reliable(LatencyModel.fixed(2_000)), new Random(7), trace);
    List<Member> members = new ArrayList<>();
    List<Genesis.GenesisAccount> accounts = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      Ed25519KeyPair key = Ed25519KeyPair.fromSeed(seed("node-" + i));
      keys.add(key);
      members.add(new Member(id(i), key.publicKey()));
      accounts.add(new Genesis.GenesisAccount(key.publicKey(), NODE_BALANCE, 0));
    }
    for (int i = 0; i < clientCount; i++) {
      Ed25519KeyPair key = Ed25519KeyPair.fromSeed(seed("client-" + i));
      clients.add(key);
      accounts.add(new Genesis.GenesisAccount(key.publicKey(), CLIENT_BALANCE, 0));
    }
    List<Genesis.GenesisCandidate> candidates = new ArrayList<>();
    candidateDeposits.forEach(
        (index, deposit) ->
            candidates.add(new Genesis.GenesisCandidate(keys.get(index).publicKey(), deposit)));
    membership = new Membership(members);
    Genesis genesis = new Genesis("dpos-test", 0, accounts, candidates, LedgerRules.DEFAULTS);
    cores = new NodeCore[nodes];
    for (int i = 0; i < nodes; i++) {
      SimScheduler scheduler = new SimScheduler(id(i), queue, trace);
      schedulers.add(scheduler);
      disks.add(new SimDisk());
      metrics.add(new InMemoryMetrics());
      messengers.add(messengerWrapper.apply(i).apply(network.register(id(i), scheduler)));
      specs.add(new NodeSpec(id(i), keys.get(i), membership, genesis, "dpos", section, null));
    }
    for (int i = 0; i < nodes; i++) {
      start(i);
    }
  }

  DposCluster(int nodes, ObjectNode section) {
    this(nodes, 2, section, Map.of(), i -> m -> m);
  }

  static ObjectNode section(int maxDelegates) {
    ObjectNode section = JsonNodeFactory.instance.objectNode();
    section.put("slotMillis", 500);
    section.put("maxDelegates", maxDelegates);
    return section;
  }

  static NodeId id(int index) {
    return NodeId.of(String.format("node-%02d", index));
  }

  /** Node 0's key, for a messenger wrapper built before the cluster exists. */
  static Ed25519KeyPair key0ForTest() {
    return Ed25519KeyPair.fromSeed(seed("node-0"));
  }

  private static byte[] seed(String name) {
    byte[] seed = new byte[32];
    byte[] raw = name.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(raw, 0, seed, 0, raw.length);
    return seed;
  }

  private void start(int i) {
    SimScheduler scheduler = schedulers.get(i);
    Platform platform =
        new Platform(
            scheduler,
            messengers.get(i),
            disks.get(i),
            metrics.get(i),
            Ed25519Verifier.INSTANCE,
            new Random(100 + i * 31L + scheduler.incarnation()),
            Compute.inline(scheduler),
            registry);
    NodeCore core = NodeCore.assemble(specs.get(i), platform);
    cores[i] = core;
    network.setHandler(id(i), core);
    scheduler.schedule(0, core::start);
  }

  /** Runs virtual time up to {@code millis} since the start. */
  void runUntil(long millis) {
    queue.runUntil(millis * 1_000);
  }

  long nowMillis() {
    return queue.nowMicros() / 1_000;
  }

  void crash(int i) {
    schedulers.get(i).crash();
    disks.get(i).crash();
    cores[i] = null;
  }

  void restart(int i) {
    schedulers.get(i).restart();
    start(i);
  }

  void partition(Map<String, Collection<NodeId>> groups) {
    network.partitions().partition(groups);
  }

  void heal() {
    network.partitions().heal();
  }

  int size() {
    return cores.length;
  }

  NodeCore core(int i) {
    return cores[i];
  }

  ChainStore chain(int i) {
    return cores[i].chain();
  }

  EngineStatus status(int i) {
    return cores[i].status();
  }

  NodeSpec spec(int i) {
    return specs.get(i);
  }

  InMemoryMetrics metrics(int i) {
    return metrics.get(i);
  }

  Ed25519KeyPair key(int i) {
    return keys.get(i);
  }

  Ed25519KeyPair client(int i) {
    return clients.get(i);
  }

  Optional<Integer> indexOf(PublicKey key) {
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i).publicKey().equals(key)) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  void submit(int node, Transaction tx) {
    cores[node].submit(tx);
  }

  /** The canonical chain of node {@code i}, genesis first. */
  List<Block> canonical(int i) {
    List<Block> blocks = new ArrayList<>();
    ChainStore chain = chain(i);
    for (long h = 0; h <= chain.head().height(); h++) {
      blocks.add(chain.canonicalAt(h).orElseThrow());
    }
    return blocks;
  }

  /** The final part of node {@code i}'s chain, genesis first. */
  List<Block> finalChain(int i) {
    return canonical(i).subList(0, (int) chain(i).finalizedHead().height() + 1);
  }

  /** The round records carried by the round-opening blocks of a chain, in order. */
  static List<RoundState> rounds(List<Block> chain) {
    List<RoundState> rounds = new ArrayList<>();
    for (Block block : chain) {
      if (block.height() > 0) {
        DposSeal.decode(block.header().seal()).roundState().ifPresent(rounds::add);
      }
    }
    return rounds;
  }

  static long slotOf(Block block) {
    return block.height() == 0 ? 0 : DposSeal.decode(block.header().seal()).slot();
  }
}
