package io.consensio.runtime.node;

import com.google.inject.AbstractModule;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.services.Compute;
import io.consensio.api.services.Metrics;
import io.consensio.api.services.Scheduler;
import io.consensio.runtime.net.PeerMessenger;
import io.consensio.runtime.storage.StorageProvider;
import java.util.Random;

/** Binds the platform services (production or simulated) for the {@link CoreModule}. */
public final class PlatformModule extends AbstractModule {
  private final Platform platform;

  public PlatformModule(Platform platform) {
    this.platform = platform;
  }

  @Override
  protected void configure() {
    bind(Scheduler.class).toInstance(platform.scheduler());
    bind(PeerMessenger.class).toInstance(platform.messenger());
    bind(StorageProvider.class).toInstance(platform.storage());
    bind(Metrics.class).toInstance(platform.metrics());
    bind(Verifier.class).toInstance(platform.verifier());
    bind(Random.class).toInstance(platform.random());
    bind(Compute.class).toInstance(platform.compute());
    bind(ConsensusRegistry.class).toInstance(platform.registry());
  }
}
