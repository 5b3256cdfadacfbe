package io.consensio.pow.sim;

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

/** A context that forwards everything; subclasses replace what a test changes. */
class DelegatingContext implements ConsensusContext {
  private final ConsensusContext delegate;

  DelegatingContext(ConsensusContext delegate) {
    this.delegate = delegate;
  }

  public NodeId self() {
    return delegate.self();
  }

  public Membership membership() {
    return delegate.membership();
  }

  public ChainStore chain() {
    return delegate.chain();
  }

  public Mempool mempool() {
    return delegate.mempool();
  }

  public Network network() {
    return delegate.network();
  }

  public Scheduler scheduler() {
    return delegate.scheduler();
  }

  public Random random() {
    return delegate.random();
  }

  public DurableStore store() {
    return delegate.store();
  }

  public Signer signer() {
    return delegate.signer();
  }

  public Verifier verifier() {
    return delegate.verifier();
  }

  public JsonNode config() {
    return delegate.config();
  }

  public Metrics metrics() {
    return delegate.metrics();
  }

  public Compute compute() {
    return delegate.compute();
  }
}
