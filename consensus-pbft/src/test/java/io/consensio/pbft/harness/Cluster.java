package io.consensio.pbft.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.consensio.api.ConsensusContext;
import io.consensio.api.Member;
import io.consensio.api.Membership;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.Ed25519Verifier;
import io.consensio.api.crypto.Signer;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.services.DurableStore;
import io.consensio.api.services.Mempool;
import io.consensio.api.services.Metrics;
import io.consensio.api.services.Network;
import io.consensio.api.services.Scheduler;
import io.consensio.api.types.Block;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.pbft.PbftConfig;
import io.consensio.pbft.PbftEngine;
import io.consensio.sim.disk.SimDisk;
import io.consensio.sim.disk.SimStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A deterministic test cluster: n PBFT replicas whose network is a queue the test drains, drops,
 * reorders or rewrites explicitly, and whose timers fire only when the test advances the shared
 * clock. Replica i is {@code node-i}; membership order is the same, so node-0 is primary of view 0.
 */
public final class Cluster {
  /** A message in flight. */
  public record Envelope(NodeId from, NodeId to, byte[] payload) {}

  /** One replica and everything its context holds. */
  public final class Node implements ConsensusContext {
    public final int index;
    public final NodeId id;
    public final Ed25519KeyPair key;

    /** Signs as this replica: {@link #key} itself, or its oracle stand-in (see {@link #fast}). */
    public final Signer signer;

    /** The sim module's crashable disk: a crash keeps only what the engine synced. */
    public final SimDisk disk = new SimDisk();

    public final SimStore store = disk.open("pbft");
    public final FakeMempool mempool;
    public final FakeChainStore chain;
    public final CountingMetrics metrics = new CountingMetrics();
    private final Scheduler scheduler;
    private final Random random;
    public PbftEngine engine;
    public boolean crashed;

    Node(int index) {
      this.index = index;
      this.id = NodeId.of("node-" + index);
      this.key = keyOf(index);
      this.signer = signerOf(key, index);
      this.scheduler = time.schedulerFor(index);
      this.mempool = new FakeMempool(scheduler);
      this.chain = new FakeChainStore(keyOf(1000).publicKey(), mempool, verifier);
      this.random = new Random(index);
    }

    void startEngine() {
      engine = new PbftEngine(this, config);
      chain.setSealChecker(engine::checkSeal);
      engine.start();
    }

    @Override
    public NodeId self() {
      return id;
    }

    @Override
    public Membership membership() {
      return membership;
    }

    @Override
    public ChainStore chain() {
      return chain;
    }

    @Override
    public Mempool mempool() {
      return mempool;
    }

    @Override
    public Network network() {
      return new Network() {
        @Override
        public void send(NodeId to, byte[] payload) {
          queue.add(new Envelope(id, to, payload));
        }

        @Override
        public void broadcast(byte[] payload) {
          for (NodeId to : membership.ids()) {
            if (!to.equals(id)) {
              queue.add(new Envelope(id, to, payload));
            }
          }
        }
      };
    }

    @Override
    public Scheduler scheduler() {
      return scheduler;
    }

    @Override
    public Random random() {
      return random;
    }

    @Override
    public DurableStore store() {
      return store;
    }

    @Override
    public Signer signer() {
      return signer;
    }

    @Override
    public Verifier verifier() {
      return verifier;
    }

    @Override
    public JsonNode config() {
      return JsonNodeFactory.instance.objectNode();
    }

    @Override
    public Metrics metrics() {
      return metrics;
    }

    public long height() {
      return chain.finalizedHead().height();
    }

    public List<Block> finalChain() {
      return chain.finalChain();
    }
  }

  public final VirtualTime time = new VirtualTime();
  public final Membership membership;
  public final PbftConfig config;
  private final List<Node> nodes = new ArrayList<>();
  private final Deque<Envelope> queue = new ArrayDeque<>();
  private final OracleSignatures oracle;
  private final Verifier verifier;
  private final Signer client;
  private long clientNonce;

  /** A cluster whose replicas and client sign with Ed25519. */
  public Cluster(int n, PbftConfig config) {
    this(n, config, null);
  }

  /**
   * A cluster whose replicas and client sign with {@link OracleSignatures}: the same protocol
   * checks at a fraction of the cost, for runs over hundreds of seeds.
   */
  public static Cluster fast(int n, PbftConfig config) {
    return new Cluster(n, config, new OracleSignatures());
  }

  private Cluster(int n, PbftConfig config, OracleSignatures oracle) {
    this.oracle = oracle;
    this.verifier = oracle == null ? Ed25519Verifier.INSTANCE : oracle;
    this.client = signerOf(keyOf(5000), 5000);
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      members.add(new Member(NodeId.of("node-" + i), keyOf(i).publicKey()));
    }
    this.membership = new Membership(members);
    this.config = config;
    for (int i = 0; i < n; i++) {
      nodes.add(new Node(i));
    }
    for (Node node : nodes) {
      node.startEngine();
    }
  }

  /** Defaults for n replicas with small timeouts and checkpoint interval as given. */
  public static PbftConfig config(int n, int checkpointInterval, int maxInflight) {
    PbftConfig d = PbftConfig.defaults(n);
    return new PbftConfig(
        d.f(),
        checkpointInterval,
        2 * checkpointInterval,
        1_000,
        1_000,
        10,
        1 << 20,
        maxInflight,
        1_000,
        d.maxStateResponseBytes(),
        d.authentication());
  }

  private Signer signerOf(Ed25519KeyPair key, int index) {
    if (oracle == null) {
      return key;
    }
    byte[] secret = new byte[32];
    secret[0] = (byte) (index >> 8);
    secret[1] = (byte) index;
    secret[31] = 11;
    return oracle.signerFor(key.publicKey(), secret);
  }

  public static Ed25519KeyPair keyOf(int index) {
    byte[] seed = new byte[32];
    seed[0] = (byte) (index >> 8);
    seed[1] = (byte) index;
    seed[31] = 7;
    return Ed25519KeyPair.fromSeed(seed);
  }

  public Node node(int i) {
    return nodes.get(i);
  }

  public List<Node> nodes() {
    return nodes;
  }

  public Deque<Envelope> queue() {
    return queue;
  }

  /** A fresh signed transaction from the test client. */
  public Transaction nextTx() {
    return Transaction.sign(
        client,
        clientNonce++,
        0,
        new TxPayload.KvPut(new byte[] {1}, new byte[] {(byte) clientNonce}));
  }

  /** Gossips {@code count} new transactions to every live replica. */
  public List<Transaction> submit(int count) {
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      txs.add(nextTx());
    }
    for (Node node : nodes) {
      if (!node.crashed) {
        txs.forEach(node.mempool::submit);
      }
    }
    for (Node node : nodes) {
      if (!node.crashed) {
        node.engine.onTransactionsAvailable();
      }
    }
    return txs;
  }

  public void deliver(Envelope e) {
    Node target = nodes.get(membership.indexOf(e.to()));
    if (!target.crashed) {
      target.engine.onMessage(e.from(), e.payload());
    }
  }

  /** Delivers queued messages in FIFO order until none is left. */
  public void deliverAll() {
    deliverAll(e -> false, Function.identity());
  }

  /**
   * Delivers until the queue is empty, dropping what {@code drop} selects and passing the rest
   * through {@code rewrite} (which may return null to drop).
   */
  public void deliverAll(Predicate<Envelope> drop, Function<Envelope, Envelope> rewrite) {
    int steps = 0;
    while (!queue.isEmpty()) {
      if (++steps > 2_000_000) {
        throw new IllegalStateException("message storm: more than 2M deliveries");
      }
      Envelope e = queue.poll();
      if (drop.test(e)) {
        continue;
      }
      Envelope rewritten = rewrite.apply(e);
      if (rewritten != null) {
        deliver(rewritten);
      }
    }
  }

  /** Advances the clock in steps, delivering all messages after each step. */
  public void run(long millis, long step, Predicate<Envelope> drop) {
    for (long t = 0; t < millis; t += step) {
      time.advance(step);
      deliverAll(drop, Function.identity());
    }
  }

  public void crash(int i) {
    Node node = nodes.get(i);
    node.crashed = true;
    node.engine.stop();
    time.cancelAll(i);
    node.disk.crash();
  }

  public void restart(int i) {
    Node node = nodes.get(i);
    node.crashed = false;
    node.disk.open("pbft");
    node.startEngine();
  }

  /** Drops every message to or from the given replicas. */
  public static Predicate<Envelope> isolating(NodeId... ids) {
    List<NodeId> list = List.of(ids);
    return e -> list.contains(e.from()) || list.contains(e.to());
  }
}
