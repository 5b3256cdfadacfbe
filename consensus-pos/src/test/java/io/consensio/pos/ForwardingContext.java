package io.consensio.pos;

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
import java.util.Random;

/** A node's context with its network (and possibly its ledger view) replaced, for tests. */
final class ForwardingContext implements ConsensusContext {
  private final ConsensusContext delegate;
  private final Network network;
  private final ChainStore chain;

  ForwardingContext(ConsensusContext delegate, Network network) {
    this(delegate, network, delegate.chain());
  }

  ForwardingContext(ConsensusContext delegate, Network network, ChainStore chain) {
    this.delegate = delegate;
    this.network = network;
    this.chain = chain;
  }

  @Override
  public NodeId self() {
    return delegate.self();
  }

  @Override
  public Membership membership() {
    return delegate.membership();
  }

  @Override
  public ChainStore chain() {
    return chain;
  }

  @Override
  public Mempool mempool() {
    return delegate.mempool();
  }

  @Override
  public Network network() {
    return network;
  }

  @Override
  public Scheduler scheduler() {
    return delegate.scheduler();
  }

  @Override
  public Random random() {
    return delegate.random();
  }

  @Override
  public DurableStore store() {
    return delegate.store();
  }

  @Override
  public Signer signer() {
    return delegate.signer();
  }

  @Override
  public Verifier verifier() {
    return delegate.verifier();
  }

  @Override
  public JsonNode config() {
    return delegate.config();
  }

  @Override
  public Metrics metrics() {
    return delegate.metrics();
  }

  @Override
  public Compute compute() {
    return delegate.compute();
  }
}
