package io.consensio.raft;

import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.api.ConsensusContext;
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
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.raft.harness.CountingMetrics;
import io.consensio.raft.harness.FakeChainStore;
import io.consensio.raft.harness.FakeMempool;
import io.consensio.raft.harness.MemoryDurableStore;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * One node of a {@link RaftCluster}: its durable store and ledger survive {@link #crash()}; the
 * engine, its timers and the mempool do not.
 */
final class RaftNode {
  final NodeId id;
  final Ed25519KeyPair key;
  final MemoryDurableStore store = new MemoryDurableStore();
  final FakeChainStore chain = new FakeChainStore(FakeChainStore.testGenesis());
  final CountingMetrics metrics = new CountingMetrics();
  private final RaftCluster cluster;
  private final Membership membership;
  private final JsonNode config;
  private final long seed;
  private FakeMempool mempool;
  private RaftEngine engine;
  private Object incarnation;
  private int restarts;

  RaftNode(RaftCluster cluster, NodeId id, Membership membership, JsonNode config, long seed) {
    this.cluster = cluster;
    this.id = id;
    this.key = keyOf(id);
    this.membership = membership;
    this.config = config;
    this.seed = seed;
  }

  static Ed25519KeyPair keyOf(NodeId id) {
    return Ed25519KeyPair.fromSeed(
        Hash.sha256(("raft-test-node/" + id).getBytes(StandardCharsets.UTF_8)).toBytes());
  }

  void start() {
    incarnation = new Object();
    mempool = new FakeMempool();
    Scheduler scheduler = cluster.clock().scheduler(incarnation);
    Random random = new Random(seed * 1_000_003L + id.hashCode() * 31L + restarts);
    ConsensusContext ctx = new Context(scheduler, random);
    engine = new RaftEngine(ctx, RaftConfig.fromJson(config));
    chain.setSealChecker(engine);
    chain.setOnCanonical(mempool::removeCommitted);
    engine.start();
  }

  void crash() {
    cluster.clock().cancelOwner(incarnation);
    engine = null;
    mempool = null;
    store.crash();
    chain.crash();
  }

  void restart() {
    restarts++;
    start();
  }

  boolean isUp() {
    return engine != null;
  }

  RaftEngine engine() {
    return engine;
  }

  FakeMempool mempool() {
    return mempool;
  }

  private final class Context implements ConsensusContext {
    private final Scheduler scheduler;
    private final Random random;
    private final Object owner = incarnation;

    Context(Scheduler scheduler, Random random) {
      this.scheduler = scheduler;
      this.random = random;
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
          if (owner == incarnation) {
            cluster.send(id, to, payload);
          }
        }

        @Override
        public void broadcast(byte[] payload) {
          for (NodeId to : membership.ids()) {
            if (!to.equals(id)) {
              send(to, payload);
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
      return key;
    }

    @Override
    public Verifier verifier() {
      return Ed25519Verifier.INSTANCE;
    }

    @Override
    public JsonNode config() {
      return config;
    }

    @Override
    public Metrics metrics() {
      return metrics;
    }
  }
}
