package io.consensio.pbft.sim;

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

/**
 * A node's real context with three things replaced: the engine's config section (the test's own
 * keys removed), its network (so a byzantine replica's outgoing messages can be rewritten per
 * recipient) and its metrics (so the test can count an honest replica's drops as they happen).
 */
final class InterceptingContext implements ConsensusContext {
  private final ConsensusContext real;
  private final JsonNode config;
  private final Network network;
  private final Metrics metrics;

  InterceptingContext(ConsensusContext real, JsonNode config, Network network, Metrics metrics) {
    this.real = real;
    this.config = config;
    this.network = network;
    this.metrics = metrics;
  }

  @Override
  public NodeId self() {
    return real.self();
  }

  @Override
  public Membership membership() {
    return real.membership();
  }

  @Override
  public ChainStore chain() {
    return real.chain();
  }

  @Override
  public Mempool mempool() {
    return real.mempool();
  }

  @Override
  public Network network() {
    return network;
  }

  @Override
  public Scheduler scheduler() {
    return real.scheduler();
  }

  @Override
  public Random random() {
    return real.random();
  }

  @Override
  public DurableStore store() {
    return real.store();
  }

  @Override
  public Signer signer() {
    return real.signer();
  }

  @Override
  public Verifier verifier() {
    return real.verifier();
  }

  @Override
  public JsonNode config() {
    return config;
  }

  @Override
  public Metrics metrics() {
    return metrics;
  }

  @Override
  public Compute compute() {
    return real.compute();
  }
}
