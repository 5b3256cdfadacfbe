package io.consensio.api;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Everything an engine may touch. The runtime backs it with the wall clock, Netty and RocksDB; the
 * simulator with virtual time, a simulated network and crashable storage. All services are to be
 * used from the event-loop thread only (the {@link Verifier} and {@link Signer} are also safe
 * elsewhere).
 */
public interface ConsensusContext {
  NodeId self();

  Membership membership();

  ChainStore chain();

  Mempool mempool();

  Network network();

  /** The only clock. */
  Scheduler scheduler();

  /** The only randomness; seeded, so simulator runs replay. */
  Random random();

  /** The engine's own persistent state; separate from the ledger's. */
  DurableStore store();

  Signer signer();

  Verifier verifier();

  /**
   * This engine's section of the configuration ({@code consensus.<name>}); an empty object if
   * absent.
   */
  JsonNode config();

  Metrics metrics();

  /**
   * Where CPU-heavy work runs. Defaults to running it on the event loop; real nodes and the
   * simulator supply worker pools and cost models.
   */
  default Compute compute() {
    return Compute.inline(scheduler());
  }
}
