package io.consensio.runtime.node;

import com.google.inject.Guice;
import com.google.inject.Inject;
import io.consensio.api.ConsensusEngine;
import io.consensio.api.EngineStatus;
import io.consensio.api.MembershipAdmin;
import io.consensio.api.MembershipAdmin.Peer;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.services.AdmitResult;
import io.consensio.api.services.Metrics;
import io.consensio.api.types.NodeId;
import io.consensio.api.types.Transaction;
import io.consensio.runtime.ledger.ChainStoreImpl;
import io.consensio.runtime.mempool.MempoolImpl;
import io.consensio.runtime.mempool.TxGossip;
import io.consensio.runtime.net.InboundHandler;
import io.consensio.runtime.net.MessageChannel;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One node's ledger, mempool and consensus engine, assembled by Guice from a {@link NodeSpec} and a
 * {@link Platform}. Every method runs on the node's event-loop thread. A message handler that
 * throws is a bug in that handler; the node counts it and carries on rather than dying on one bad
 * input.
 */
public final class NodeCore implements InboundHandler {
  private final NodeSpec spec;
  private final ChainStoreImpl chain;
  private final MempoolImpl mempool;
  private final TxGossip gossip;
  private final ConsensusEngine engine;
  private final Metrics metrics;
  private Set<NodeId> members;
  private Consumer<List<Peer>> peerWatcher = peers -> {};
  private boolean started;

  @Inject
  NodeCore(
      NodeSpec spec,
      ChainStoreImpl chain,
      MempoolImpl mempool,
      TxGossip gossip,
      ConsensusEngine engine,
      Metrics metrics) {
    this.spec = spec;
    this.chain = chain;
    this.mempool = mempool;
    this.gossip = gossip;
    this.engine = engine;
    this.metrics = metrics;
    this.members = Set.copyOf(spec.membership().ids());
  }

  /** Builds a node core with Guice; nothing runs until {@link #start()}. */
  public static NodeCore assemble(NodeSpec spec, Platform platform) {
    return Guice.createInjector(new PlatformModule(platform), new CoreModule(spec))
        .getInstance(NodeCore.class);
  }

  /**
   * Starts the engine. An engine with dynamic membership ({@link MembershipAdmin}) reports its
   * peers from then on: messages are taken from those peers (and this node's configured members
   * until the first report) and the report goes on to the watcher set with {@link #watchPeers},
   * which a real node uses to re-point its transport.
   */
  public void start() {
    if (!started) {
      started = true;
      if (engine instanceof MembershipAdmin admin) {
        admin.watchPeers(this::onPeersChanged);
      }
      engine.start();
    }
  }

  /** Who else to exchange messages with, whenever an engine with dynamic membership changes it. */
  public void watchPeers(Consumer<List<Peer>> watcher) {
    this.peerWatcher = Objects.requireNonNull(watcher);
  }

  private void onPeersChanged(List<Peer> peers) {
    Set<NodeId> ids = new HashSet<>();
    ids.add(spec.id());
    peers.forEach(p -> ids.add(p.id()));
    members = Set.copyOf(ids);
    peerWatcher.accept(peers);
  }

  public void stop() {
    if (started) {
      started = false;
      engine.stop();
    }
  }

  @Override
  public void onMessage(NodeId from, MessageChannel channel, byte[] payload) {
    if (!started) {
      return;
    }
    if (!members.contains(from)) {
      metrics.increment("node.dropped", "reason", "not-a-member");
      return;
    }
    try {
      switch (channel) {
        case CONSENSUS -> engine.onMessage(from, payload);
        case TRANSACTIONS -> gossip.onInbound(from, payload, mempool);
      }
    } catch (RuntimeException e) {
      metrics.increment("node.handler.error", "channel", channel.name());
      System.getLogger(NodeCore.class.getName())
          .log(System.Logger.Level.ERROR, "handler failed on a message from " + from, e);
    }
  }

  /** Admits a client transaction (HTTP API, load generator) and gossips it if new. */
  public AdmitResult submit(Transaction tx) {
    return mempool.submit(tx);
  }

  public NodeId id() {
    return spec.id();
  }

  public ChainStore chain() {
    return chain;
  }

  public MempoolImpl mempool() {
    return mempool;
  }

  public ConsensusEngine engine() {
    return engine;
  }

  /** The other nodes this node currently takes messages from. */
  public List<NodeId> peerIds() {
    return members.stream().filter(id -> !id.equals(spec.id())).sorted().toList();
  }

  public EngineStatus status() {
    return engine.status();
  }
}
