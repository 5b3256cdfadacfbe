package io.consensio.runtime.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.consensio.api.ConsensusContext;
import io.consensio.api.Membership;
import io.consensio.api.crypto.Signer;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.services.Compute;
import io.consensio.api.services.DurableStore;
import io.consensio.api.services.Mempool;
import io.consensio.api.services.Metrics;
import io.consensio.api.services.Network;
import io.consensio.api.services.Scheduler;
import io.consensio.api.types.NodeId;
import io.consensio.runtime.net.MessageChannel;
import io.consensio.runtime.net.PeerMessenger;
import java.util.Random;

/** The engine's window on its node: every service the same in production and simulation. */
final class NodeContext implements ConsensusContext {
  private final NodeSpec spec;
  private final ChainStore chain;
  private final Mempool mempool;
  private final Network network;
  private final Scheduler scheduler;
  private final Random random;
  private final DurableStore store;
  private final Verifier verifier;
  private final Metrics metrics;
  private final Compute compute;

  NodeContext(
      NodeSpec spec,
      ChainStore chain,
      Mempool mempool,
      PeerMessenger messenger,
      Scheduler scheduler,
      Random random,
      DurableStore store,
      Verifier verifier,
      Metrics metrics,
      Compute compute) {
    this.spec = spec;
    this.chain = chain;
    this.mempool = mempool;
    this.network =
        new Network() {
          @Override
          public void send(NodeId to, byte[] payload) {
            messenger.send(to, MessageChannel.CONSENSUS, payload);
          }

          @Override
          public void broadcast(byte[] payload) {
            messenger.broadcast(MessageChannel.CONSENSUS, payload);
          }
        };
    this.scheduler = scheduler;
    this.random = random;
    this.store = store;
    this.verifier = verifier;
    this.metrics = metrics;
    this.compute = compute;
  }

  @Override
  public NodeId self() {
    return spec.id();
  }

  @Override
  public Membership membership() {
    return spec.membership();
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
    return network;
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
    return spec.key();
  }

  @Override
  public Verifier verifier() {
    return verifier;
  }

  @Override
  public JsonNode config() {
    return spec.consensusSection();
  }

  @Override
  public Metrics metrics() {
    return metrics;
  }

  @Override
  public Compute compute() {
    return compute;
  }
}
