package io.consensio.raft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consensio.api.Member;
import io.consensio.api.Membership;
import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.types.Hash;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import io.consensio.raft.RaftEngine.Role;
import io.consensio.raft.harness.Envelope;
import io.consensio.raft.harness.ManualClock;
import io.consensio.raft.harness.PowerFailure;
import io.consensio.raft.messages.RaftMessage;
import io.consensio.raft.messages.RaftMessage.AppendEntries;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A deterministic test cluster: one {@link ManualClock}, a network whose messages wait in a queue
 * until the test delivers, drops or reorders them, and nodes that crash and restart. With {@code
 * autoDeliver} every timer step is followed by delivering everything deliverable (an instant
 * network); without it the test moves every message itself.
 */
final class RaftCluster {
  private final ManualClock clock = new ManualClock();
  private final Map<NodeId, RaftNode> nodes = new TreeMap<>();
  private final List<Envelope> pending = new ArrayList<>();
  private final Set<String> cutLinks = new HashSet<>();
  private final JsonNode config;
  private final long seed;
  private final Membership membership;
  boolean autoDeliver = true;

  private RaftCluster(int size, JsonNode config, long seed) {
    this.config = config;
    this.seed = seed;
    List<Member> members = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      NodeId id = NodeId.of("n" + i);
      members.add(new Member(id, RaftNode.keyOf(id).publicKey()));
    }
    membership = new Membership(members);
    for (Member m : members) {
      nodes.put(m.id(), new RaftNode(this, m.id(), membership, config, seed));
    }
  }

  static RaftCluster of(int size, long seed) {
    return of(size, seed, new ObjectMapper().createObjectNode());
  }

  static RaftCluster of(int size, long seed, ObjectNode config) {
    return new RaftCluster(size, config, seed);
  }

  static ObjectNode config() {
    return new ObjectMapper().createObjectNode();
  }

  /** Adds a node that starts with the original membership (so it does not campaign). */
  RaftNode addNode(String name) {
    NodeId id = NodeId.of(name);
    RaftNode node = new RaftNode(this, id, membership, config, seed);
    nodes.put(id, node);
    return node;
  }

  ManualClock clock() {
    return clock;
  }

  RaftCluster start() {
    nodes.values().forEach(RaftNode::start);
    return this;
  }

  RaftNode node(String name) {
    return nodes.get(NodeId.of(name));
  }

  RaftEngine engine(String name) {
    return node(name).engine();
  }

  List<RaftNode> nodes() {
    return List.copyOf(nodes.values());
  }

  List<RaftNode> upNodes() {
    return nodes.values().stream().filter(RaftNode::isUp).toList();
  }

  // ---- network -------------------------------------------------------------------------------

  void send(NodeId from, NodeId to, byte[] payload) {
    Envelope envelope = new Envelope(from, to, payload);
    if (!nodes.get(from).store.fullySynced()) {
      if (envelope.message() instanceof AppendEntries) {
        leaderSendsBeforeSync++;
      } else {
        unsyncedSends++;
      }
    }
    pending.add(envelope);
  }

  /**
   * Messages other than a leader's AppendEntries sent while the sender had writes not yet synced
   * (must stay 0: paper Figure 2, every answer and vote request waits for the sender's disk).
   */
  int unsyncedSends;

  /**
   * AppendEntries a leader sent while its own write of the entries was in flight, which thesis
   * §10.2.1 allows: it counts itself only once they are durable.
   */
  int leaderSendsBeforeSync;

  List<Envelope> pending() {
    return List.copyOf(pending);
  }

  void cut(String a, String b) {
    cutLinks.add(a + ">" + b);
    cutLinks.add(b + ">" + a);
  }

  /** Cuts every link of {@code name}. */
  void isolate(String name) {
    for (NodeId other : nodes.keySet()) {
      if (!other.value().equals(name)) {
        cut(name, other.value());
      }
    }
  }

  void heal() {
    cutLinks.clear();
  }

  private boolean deliverable(Envelope e) {
    RaftNode to = nodes.get(e.to());
    return to != null && to.isUp() && !cutLinks.contains(e.from().value() + ">" + e.to().value());
  }

  /** Delivers one envelope now (if its link is up and the receiver is alive). */
  void deliver(Envelope e) {
    pending.remove(e);
    if (deliverable(e)) {
      onDeliver.accept(e);
      survivingPowerFailure(() -> nodes.get(e.to()).engine().onMessage(e.from(), e.payload()));
    }
  }

  /** Nodes that lost power in the middle of a handler (see {@link PowerFailure}). */
  int powerFailures;

  /**
   * Runs {@code step}; a node that loses power during it is crashed, losing unsynced writes. False
   * when that happened.
   */
  boolean survivingPowerFailure(Runnable step) {
    try {
      step.run();
      return true;
    } catch (PowerFailure failure) {
      powerFailures++;
      nodes.values().stream()
          .filter(n -> n.store == failure.store())
          .findFirst()
          .orElseThrow()
          .crash();
      return false;
    }
  }

  /** Observes every delivered envelope (for tests that count messages). */
  java.util.function.Consumer<Envelope> onDeliver = e -> {};

  /** Delivers queued messages, including those they cause, until none remain. */
  void deliverAll() {
    deliverWhere(e -> true);
  }

  /** Delivers matching messages (and the matching ones they cause); others stay queued. */
  void deliverWhere(Predicate<Envelope> filter) {
    for (int steps = 0; ; steps++) {
      if (steps > 1_000_000) {
        throw new IllegalStateException("message storm: more than a million deliveries");
      }
      Envelope next = pending.stream().filter(filter).findFirst().orElse(null);
      if (next == null) {
        return;
      }
      deliver(next);
    }
  }

  void dropWhere(Predicate<Envelope> filter) {
    pending.removeIf(filter);
  }

  void dropAll() {
    pending.clear();
  }

  static Predicate<Envelope> to(String name) {
    return e -> e.to().value().equals(name);
  }

  static Predicate<Envelope> from(String name) {
    return e -> e.from().value().equals(name);
  }

  static Predicate<Envelope> ofType(Class<? extends RaftMessage> type) {
    return e -> type.isInstance(e.message());
  }

  // ---- time ----------------------------------------------------------------------------------

  /** Runs timers for {@code millis} of virtual time, delivering messages after each if auto. */
  void advance(long millis) {
    long target = clock.now() + millis;
    if (autoDeliver) {
      deliverAll();
    }
    while (true) {
      boolean[] ran = new boolean[1];
      // A task that lost its node power did run: carry on with the next one.
      if (survivingPowerFailure(() -> ran[0] = clock.runNext(target)) && !ran[0]) {
        break;
      }
      if (autoDeliver) {
        deliverAll();
      }
    }
    clock.setNow(target);
  }

  /** Advances until exactly one live node leads and returns it; fails after {@code maxMillis}. */
  RaftNode awaitLeader(long maxMillis) {
    long deadline = clock.now() + maxMillis;
    while (clock.now() < deadline) {
      advance(10);
      Optional<RaftNode> leader = stableLeader();
      if (leader.isPresent()) {
        return leader.get();
      }
    }
    throw new AssertionError("no leader after " + maxMillis + " ms");
  }

  /** The live leader of the highest term, if every live voter in that term follows it. */
  Optional<RaftNode> stableLeader() {
    RaftNode best = null;
    for (RaftNode n : upNodes()) {
      if (n.engine().role() == Role.LEADER
          && (best == null || n.engine().term() > best.engine().term())) {
        best = n;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Makes {@code name} leader: let its lease-holding followers forget the old leader, campaign. */
  RaftNode elect(String name) {
    advance(config.path("electionTimeoutMaxMillis").asLong(300));
    engine(name).campaign();
    deliverAll();
    return node(name);
  }

  // ---- transactions --------------------------------------------------------------------------

  static Transaction tx(int client) {
    Ed25519KeyPair key =
        Ed25519KeyPair.fromSeed(
            Hash.sha256(("raft-test-client/" + client).getBytes(StandardCharsets.UTF_8)).toBytes());
    byte[] k = ("k" + client).getBytes(StandardCharsets.UTF_8);
    return Transaction.sign(key, 0, 1, new TxPayload.KvPut(k, new byte[] {(byte) client}));
  }

  void submit(String node, Transaction tx) {
    RaftNode n = node(node);
    n.mempool().submit(tx);
    survivingPowerFailure(() -> n.engine().onTransactionsAvailable());
  }

  /** Number of blocks final on {@code name}'s ledger (height of its finalized head). */
  long finalHeight(String name) {
    return node(name).chain.finalizedHead().height();
  }

  /** Each node's status, ledger and counters: printed with a failing seed. */
  String describe() {
    StringBuilder sb = new StringBuilder("t=" + clock.now() + "\n");
    for (RaftNode n : nodes.values()) {
      sb.append(n.id).append(n.isUp() ? " up " : " DOWN ");
      if (n.isUp()) {
        sb.append(n.engine().status())
            .append(" mempool ready=")
            .append(n.mempool().readyCount())
            .append(" inflight=")
            .append(n.mempool().inFlightCount());
      }
      sb.append(" lastTx=").append(n.chain.findTransaction(tx(1_000_000).id()));
      sb.append(" heights=").append(n.chain.finalByHeight().keySet());
      sb.append(" final=")
          .append(n.chain.finalizedHead())
          .append(" metrics=")
          .append(n.metrics)
          .append("\n");
    }
    return sb.toString();
  }

  long seed() {
    return seed;
  }

  Iterator<Envelope> pendingIterator() {
    return pending.iterator();
  }
}
