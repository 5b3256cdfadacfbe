package io.consensio.sim.byzantine;

import io.consensio.api.crypto.Verifier;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.metrics.InMemoryMetrics;
import io.consensio.runtime.net.InboundHandler;
import io.consensio.runtime.net.MessageChannel;
import io.consensio.runtime.net.PeerMessenger;
import io.consensio.sim.random.SeedTree;
import io.consensio.sim.time.SimScheduler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Byzantine nodes for any engine, implemented in the simulator's network layer: each byzantine node
 * sends through a {@link ByzantineMessenger}; a twinned one runs two engine instances that each
 * hear a different part of the network (every other member is assigned, by the seed, to the first
 * instance, the second or both) and both speak with the same identity and key; every node's
 * verifier is an {@link AccountingVerifier}; forged messages that reach honest nodes are judged and
 * counted in the {@link ForgeryLedger}, which also reads what honest nodes send ({@link
 * ScanningMessenger}) and, through {@link #scanChain}, what they keep.
 *
 * <p>Deterministic: every draw comes from streams of the given {@link SeedTree}. Single-threaded.
 */
public final class ByzantineAdversary implements Adversary {
  private static final List<String> DISCARD_WORDS =
      List.of("dropped", "rejected", "duplicate", "refused", "invalid", "error");

  private final SortedMap<NodeId, ByzantineBehaviour> behaviours;
  private final List<NodeId> members;
  private final SeedTree seeds;
  private final ForgeryLedger ledger = new ForgeryLedger();
  private final Map<NodeId, AccountingVerifier> verifiers = new HashMap<>();

  /**
   * @param behaviours the byzantine nodes and what each does
   * @param members every member of the run, byzantine or not
   * @param seeds the run's seed tree (streams named {@code byzantine/...})
   */
  public ByzantineAdversary(
      Map<NodeId, ByzantineBehaviour> behaviours, List<NodeId> members, SeedTree seeds) {
    this.behaviours = new TreeMap<>(behaviours);
    this.members = List.copyOf(members);
    this.seeds = seeds;
    if (!members.containsAll(behaviours.keySet())) {
      throw new IllegalArgumentException("byzantine nodes must be members: " + behaviours);
    }
  }

  public ForgeryLedger forgeries() {
    return ledger;
  }

  public SortedMap<NodeId, ByzantineBehaviour> behaviours() {
    return behaviours;
  }

  @Override
  public Set<NodeId> byzantine() {
    return behaviours.keySet();
  }

  @Override
  public Set<NodeId> twinned() {
    return behaviours.entrySet().stream()
        .filter(e -> e.getValue().twin())
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  @Override
  public PeerMessenger outbound(
      NodeId node, int instance, SimScheduler scheduler, PeerMessenger real) {
    ByzantineBehaviour behaviour = behaviours.get(node);
    if (behaviour == null) {
      return new ScanningMessenger(node, real, ledger);
    }
    Random random = seeds.random("byzantine/" + node + "/" + instance);
    return new ByzantineMessenger(node, members, scheduler, real, behaviour, random, ledger);
  }

  @Override
  public InboundHandler inbound(
      NodeId node, InboundHandler core, InboundHandler twin, InMemoryMetrics metrics) {
    if (behaviours.containsKey(node)) {
      return twin == null ? core : splitBetweenTwins(node, core, twin);
    }
    AccountingVerifier verifier = verifiers.get(node);
    return (from, channel, payload) -> {
      if (channel != MessageChannel.CONSENSUS || !ledger.isForged(payload)) {
        core.onMessage(from, channel, payload);
        return;
      }
      long discardsBefore = discards(metrics);
      verifier.resetRefusals();
      core.onMessage(from, channel, payload);
      ledger.recordDelivery(
          verifier.refusedSinceReset()
              ? ForgeryLedger.Answer.REFUSED_SIGNATURE
              : discards(metrics) > discardsBefore
                  ? ForgeryLedger.Answer.DROPPED_AND_COUNTED
                  : ForgeryLedger.Answer.IGNORED_UNCOUNTED);
    };
  }

  @Override
  public Verifier verifier(NodeId node, Verifier real) {
    // A twin shares its node's id; it gets its own verifier, and the honest-node lookup above
    // only ever asks for honest nodes, which have no twin.
    AccountingVerifier verifier = new AccountingVerifier(real, ledger);
    verifiers.putIfAbsent(node, verifier);
    return verifier;
  }

  /**
   * Each other member is heard by the first instance, the second or both, fixed for the run: the
   * two instances build different views and, speaking with one key, equivocate. Transaction gossip
   * reaches the first instance only, so when both propose for one slot their blocks differ even if
   * their chains agree.
   */
  private InboundHandler splitBetweenTwins(NodeId node, InboundHandler core, InboundHandler twin) {
    Random random = seeds.random("byzantine/" + node + "/twin-split");
    Map<NodeId, Integer> heardBy = new HashMap<>();
    for (NodeId member : members) {
      heardBy.put(member, random.nextInt(3));
    }
    return (from, channel, payload) -> {
      int side = channel == MessageChannel.CONSENSUS ? heardBy.getOrDefault(from, 2) : 0;
      if (side != 1) {
        core.onMessage(from, channel, payload);
      }
      if (side != 0) {
        twin.onMessage(from, channel, payload.clone());
      }
    };
  }

  /** Looks for forged signatures in the canonical chain of honest node {@code node}. */
  public void scanChain(NodeId node, io.consensio.api.ledger.ChainStore chain) {
    if (!ledger.anyForged()) {
      return;
    }
    io.consensio.api.types.Block block = chain.head();
    while (block.height() > 0) {
      ledger.scan(node, block.encode(), "its block at height " + block.height());
      java.util.Optional<io.consensio.api.types.Block> parent = chain.block(block.parent());
      if (parent.isEmpty()) {
        break;
      }
      block = parent.get();
    }
  }

  private static long discards(InMemoryMetrics metrics) {
    long total = 0;
    for (Map.Entry<String, Long> counter : metrics.counters().entrySet()) {
      String key = counter.getKey();
      for (String word : DISCARD_WORDS) {
        if (key.contains(word)) {
          total += counter.getValue();
          break;
        }
      }
    }
    return total;
  }
}
