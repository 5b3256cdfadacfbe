package io.consensio.runtime.node;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.consensio.api.ConsensusContext;
import io.consensio.api.ConsensusEngine;
import io.consensio.api.ConsensusProvider;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.services.Compute;
import io.consensio.api.services.Metrics;
import io.consensio.api.services.Scheduler;
import io.consensio.runtime.crypto.RememberingVerifier;
import io.consensio.runtime.ledger.ChainStoreImpl;
import io.consensio.runtime.mempool.MempoolImpl;
import io.consensio.runtime.mempool.TxGossip;
import io.consensio.runtime.net.PeerMessenger;
import io.consensio.runtime.storage.StorageProvider;
import jakarta.inject.Provider;
import java.util.Random;

/**
 * Wires one node's core — ledger, mempool, gossip, the engine chosen by {@code consensus.type} and
 * its context — from the platform services bound by a {@link PlatformModule}.
 */
public final class CoreModule extends AbstractModule {
  public static final String LEDGER_NAMESPACE = "ledger";
  public static final String ENGINE_NAMESPACE = "engine";

  /**
   * Stands in for the mempool's signature check when the genesis turns transaction signatures off
   * (opaque-payload benchmarks): the engine's own messages are still verified with the real one.
   */
  private static final Verifier ACCEPT_ANY_SIGNATURE = (key, message, signature) -> true;

  private final NodeSpec spec;

  public CoreModule(NodeSpec spec) {
    this.spec = spec;
  }

  @Override
  protected void configure() {
    bind(NodeSpec.class).toInstance(spec);
  }

  @Provides
  @Singleton
  ConsensusProvider provider(ConsensusRegistry registry) {
    ConsensusProvider provider = registry.find(spec.consensusType());
    provider.validateConfig(spec.consensusSection(), spec.membership());
    return provider;
  }

  /**
   * The transaction-signature checker the ledger and the mempool share, so that a signature
   * verified in one (gossip, or a block) is not verified again in the other; it remembers as many
   * signatures as the mempool remembers transaction ids.
   */
  @Provides
  @Singleton
  RememberingVerifier transactionVerifier(Verifier verifier, Metrics metrics) {
    RememberingVerifier remembering =
        new RememberingVerifier(verifier, spec.mempool().seenCacheSize());
    metrics.gauge("verifier.repeats", remembering::repeats);
    metrics.gauge("verifier.verified", remembering::verified);
    return remembering;
  }

  @Provides
  @Singleton
  ChainStoreImpl chain(
      ConsensusProvider provider,
      StorageProvider storage,
      Scheduler scheduler,
      RememberingVerifier verifier,
      Metrics metrics) {
    return ChainStoreImpl.open(
        spec.genesis(),
        storage.open(LEDGER_NAMESPACE),
        scheduler,
        verifier,
        metrics,
        provider.evidenceJudge(spec.consensusSection()));
  }

  @Provides
  @Singleton
  TxGossip gossip(PeerMessenger messenger, Scheduler scheduler, Metrics metrics) {
    return new TxGossip(messenger, scheduler, metrics);
  }

  @Provides
  @Singleton
  MempoolImpl mempool(
      ChainStoreImpl chain,
      RememberingVerifier verifier,
      Scheduler scheduler,
      Metrics metrics,
      TxGossip gossip,
      ConsensusProvider provider,
      Provider<ConsensusEngine> engine) {
    MempoolImpl mempool =
        new MempoolImpl(
            chain::headState,
            spec.genesis().rules().verifyTransactionSignatures() ? verifier : ACCEPT_ANY_SIGNATURE,
            scheduler,
            metrics,
            spec.mempool(),
            provider.gossipsTransactions() ? gossip::forward : tx -> {},
            () -> engine.get().onTransactionsAvailable());
    chain.addHeadListener(mempool);
    chain.setAlreadyVerified(mempool::holdsVerified);
    chain.setRefusedTransactionListener(mempool::discardRefused);
    return mempool;
  }

  @Provides
  @Singleton
  ConsensusContext context(
      ChainStoreImpl chain,
      MempoolImpl mempool,
      PeerMessenger messenger,
      Scheduler scheduler,
      Random random,
      StorageProvider storage,
      Verifier verifier,
      Metrics metrics,
      Compute compute) {
    return new NodeContext(
        spec,
        chain,
        mempool,
        messenger,
        scheduler,
        random,
        storage.open(ENGINE_NAMESPACE),
        verifier,
        metrics,
        compute);
  }

  @Provides
  @Singleton
  ConsensusEngine engine(
      ConsensusProvider provider, ConsensusContext context, ChainStoreImpl chain) {
    ConsensusEngine engine = provider.create(context);
    chain.setSealChecker(engine::checkSeal);
    return engine;
  }
}
