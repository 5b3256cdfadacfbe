package io.consensio.runtime.node;

import io.consensio.api.crypto.Verifier;
import io.consensio.api.services.Compute;
import io.consensio.api.services.Metrics;
import io.consensio.api.services.Scheduler;
import io.consensio.runtime.net.PeerMessenger;
import io.consensio.runtime.storage.StorageProvider;
import java.util.Random;

/**
 * The services that differ between a real node and a simulated one. A real node passes the wall
 * clock on its event loop, the Netty transport and RocksDB; the simulator passes virtual time, the
 * simulated network and a crashable disk. Everything else is assembled the same way.
 */
public record Platform(
    Scheduler scheduler,
    PeerMessenger messenger,
    StorageProvider storage,
    Metrics metrics,
    Verifier verifier,
    Random random,
    Compute compute,
    ConsensusRegistry registry) {}
