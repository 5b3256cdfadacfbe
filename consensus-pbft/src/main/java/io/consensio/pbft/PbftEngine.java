package io.consensio.pbft;

import io.consensio.api.CertifiedFinality;
import io.consensio.api.ConsensusContext;
import io.consensio.api.ConsensusEngine;
import io.consensio.api.EngineStatus;
import io.consensio.api.SealVerdict;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.services.Cancellable;
import io.consensio.api.types.Block;
import io.consensio.api.types.NodeId;
import io.consensio.pbft.auth.MacAuthenticator;
import io.consensio.pbft.messages.Authenticated;
import io.consensio.pbft.messages.BlockRequest;
import io.consensio.pbft.messages.BlockResponse;
import io.consensio.pbft.messages.Checkpoint;
import io.consensio.pbft.messages.Commit;
import io.consensio.pbft.messages.MacPrePrepare;
import io.consensio.pbft.messages.MessageCodec;
import io.consensio.pbft.messages.NewKey;
import io.consensio.pbft.messages.NewView;
import io.consensio.pbft.messages.PbftMessage;
import io.consensio.pbft.messages.PrePrepare;
import io.consensio.pbft.messages.Prepare;
import io.consensio.pbft.messages.Signed;
import io.consensio.pbft.messages.StateRequest;
import io.consensio.pbft.messages.StateResponse;
import io.consensio.pbft.messages.Status;
import io.consensio.pbft.messages.ViewChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A PBFT replica (Castro and Liskov, OSDI'99; TOCS'02) ordering blocks: sequence number n orders
 * the block at height n. This class only decodes, authenticates and dispatches events; the protocol
 * lives in {@link NormalCase} (§4.2), {@link Checkpoints} (§4.3), {@link ViewChanger} and {@link
 * ViewChangeProtocol} (§4.4), {@link StateTransfer} and {@link RequestTimer}.
 *
 * <p>Threading and determinism: every method runs on the node's event loop; time, network, storage
 * and keys come from the {@link ConsensusContext} only, so a simulator run replays exactly. Bytes
 * from peers are hostile: malformed messages, signatures that do not verify under the claimed
 * sender's membership key, PRE-PREPARE authenticators whose tag for this replica is missing or
 * wrong ({@code authentication: macs}, see {@link MacAuthenticator}), a claimed sender other than
 * the authenticated peer, wrong views and out-of-window sequence numbers are dropped and counted in
 * {@code pbft.dropped}; no handler throws.
 */
public final class PbftEngine implements ConsensusEngine, CertifiedFinality {
  private final ConsensusContext context;
  private final PbftConfig config;
  private final Quorum quorum;
  private final ReplicaState state = new ReplicaState();
  private final MessageLog log = new MessageLog();
  private final Watermarks watermarks;
  private final Checkpoints checkpoints;
  private final ReplicaStore store;
  private final Optional<KeyExchange> keyExchange;
  private final InboundCheck inbound;
  private final Outbox outbox;
  private final LedgerBodies bodies;
  private final BlockFetcher fetcher;
  private final NormalCase normal;
  private final ViewChangeProtocol protocol;
  private final ViewChanger viewChanger;
  private final StateTransfer stateTransfer;
  private final RequestTimer requestTimer;
  private final Retransmitter retransmitter;
  private final CatchUpTrigger catchUp;
  private final FutureViewBuffer futureView;
  private final StatusGossip statusGossip;
  private final long tickMillis;
  private Cancellable tick;
  private Cancellable statusTimer;
  private boolean running;
  private boolean executedSinceTimerCheck;

  public PbftEngine(ConsensusContext context, PbftConfig config) {
    this.context = context;
    this.config = config;
    this.quorum = new Quorum(context.membership(), config.f());
    this.watermarks = new Watermarks(config.watermarkWindow());
    Block genesis = context.chain().genesis();
    this.checkpoints =
        new Checkpoints(
            config.checkpointInterval(),
            config.watermarkWindow(),
            quorum,
            StableCheckpoint.genesis(genesis.id(), genesis.header().stateRoot()));
    this.store = new ReplicaStore(context.store());
    Optional<MacAuthenticator> macs =
        config.authentication() == PbftConfig.Authentication.MACS
            ? Optional.of(
                new MacAuthenticator(context.self(), context.membership(), context.signer()))
            : Optional.empty();
    this.outbox = new Outbox(context, macs);
    BlockExecutor executor = new BlockExecutor(context, state, store);
    this.bodies = new LedgerBodies(context.chain());
    this.fetcher = new BlockFetcher(context, outbox, bodies);
    this.normal =
        new NormalCase(
            context, config, quorum, state, log, watermarks, outbox, store, executor, fetcher);
    // Retransmission runs four times per request timeout, so a lost message costs a fraction of
    // the timeout rather than a view change (TOCS'02 §5.2).
    this.tickMillis = Math.max(1, config.requestTimeoutMillis() / 4);
    this.keyExchange = macs.map(m -> new KeyExchange(m, outbox, context.scheduler(), tickMillis));
    this.inbound = new InboundCheck(context.membership(), context.verifier(), keyExchange);
    this.stateTransfer =
        new StateTransfer(
            context, quorum, state, store, executor, tickMillis, config.maxStateResponseBytes());
    this.protocol =
        new ViewChangeProtocol(
            quorum,
            context.verifier(),
            config.checkpointInterval(),
            config.watermarkWindow(),
            genesis.id());
    this.viewChanger =
        new ViewChanger(
            context,
            config,
            quorum,
            state,
            log,
            checkpoints,
            protocol,
            normal,
            stateTransfer,
            fetcher,
            outbox,
            store,
            this::adoptStableCheckpoint);
    this.requestTimer = new RequestTimer(context.scheduler(), this::onRequestTimeout);
    this.retransmitter =
        new Retransmitter(context.self(), quorum, state, log, outbox, config.maxInflight());
    this.catchUp = new CatchUpTrigger(state, watermarks, stateTransfer);
    this.futureView = new FutureViewBuffer(3 * config.maxInflight());
    this.statusGossip =
        new StatusGossip(
            quorum,
            context.verifier(),
            state,
            checkpoints,
            catchUp,
            outbox,
            this::adoptStableCheckpoint,
            genesis.id(),
            config.checkpointInterval());
    executor.setListener(this::onExecuted);
  }

  @Override
  public void start() {
    running = true;
    // Peers' MAC keys were not persisted: ask for them, and announce this replica's (TOCS'02 §5).
    keyExchange.ifPresent(KeyExchange::start);
    recover();
    afterEvent();
    scheduleTick();
    scheduleStatus();
  }

  private void scheduleTick() {
    tick = context.scheduler().schedule(tickMillis, this::onTick);
  }

  private void onStatusTimer() {
    if (!running) {
      return;
    }
    try {
      statusGossip.broadcast();
      // A lost NEW-KEY would otherwise leave a pair unable to authenticate pre-prepares forever.
      keyExchange.ifPresent(KeyExchange::onStatusTick);
    } catch (RuntimeException e) {
      context.metrics().increment("pbft.handler.errors", "exception", e.getClass().getSimpleName());
    }
    scheduleStatus();
  }

  /** Peers' periodic STATUS tells a replica what it missed, even with no request in flight. */
  private void scheduleStatus() {
    statusTimer = context.scheduler().schedule(config.statusIntervalMillis(), this::onStatusTimer);
  }

  /** Periodic liveness work: normal-case retransmission and catching up on missed commits. */
  private void onTick() {
    if (!running) {
      return;
    }
    try {
      int slots = retransmitter.retransmit();
      if (slots > 0) {
        context.metrics().add("pbft.retransmitted.slots", slots);
      }
      catchUp.onTick();
      fetcher.onTick();
      afterEvent();
    } catch (RuntimeException e) {
      context.metrics().increment("pbft.handler.errors", "exception", e.getClass().getSimpleName());
    }
    scheduleTick();
  }

  /** Restores the persisted protocol state so the replica never contradicts its past messages. */
  private void recover() {
    Block finalized = context.chain().finalizedHead();
    state.lastExecuted = finalized.height();
    state.lastExecutedId = finalized.id();
    store.loadCheckpoint().ifPresent(this::adoptStableCheckpoint);
    store
        .loadView()
        .ifPresent(
            v -> {
              state.view = v.view();
              state.active = v.active();
            });
    new LogRecovery(store, bodies, state, normal, log, protocol, context.metrics())
        .restore(watermarks.low());
    if (!state.active) {
      viewChanger.resume();
    }
  }

  @Override
  public void onMessage(NodeId from, byte[] payload) {
    if (!running) {
      return;
    }
    try {
      Authenticated<? extends PbftMessage> envelope;
      try {
        envelope = MessageCodec.decode(payload);
      } catch (DecodingException | IllegalArgumentException e) {
        drop("malformed", "unknown");
        return;
      }
      String type = envelope.message().type().label();
      Optional<String> refused = inbound.refusal(from, envelope);
      if (refused.isPresent()) {
        drop(refused.get(), type);
        return;
      }
      if (envelope instanceof MacPrePrepare mac) {
        context.metrics().increment("pbft.authenticated", "by", "mac");
        context.metrics().increment("pbft.received", "type", type);
        dispatchNormal(mac).ifPresent(reason -> drop(reason, type));
      } else if (envelope instanceof Signed<? extends PbftMessage> signed) {
        dispatch(signed).ifPresent(reason -> drop(reason, type));
      }
      afterEvent();
    } catch (RuntimeException e) {
      // A bug must not take the node down with it; it is counted so tests and operators see it.
      context.metrics().increment("pbft.handler.errors", "exception", e.getClass().getSimpleName());
    }
  }

  @SuppressWarnings("unchecked")
  private Optional<String> dispatch(Signed<? extends PbftMessage> signed) {
    context.metrics().increment("pbft.received", "type", signed.message().type().label());
    return switch (signed.message().type()) {
      case PRE_PREPARE, PREPARE, COMMIT -> dispatchNormal(signed);
      case CHECKPOINT -> {
        catchUp.heard(((Checkpoint) signed.message()).seq());
        yield onCheckpoint((Signed<Checkpoint>) signed);
      }
      case VIEW_CHANGE -> viewChanger.onViewChange((Signed<ViewChange>) signed);
      case NEW_VIEW -> viewChanger.onNewView((Signed<NewView>) signed);
      case STATE_REQUEST -> {
        stateTransfer
            .serve((StateRequest) signed.message())
            .ifPresent(response -> outbox.send(signed.sender(), outbox.sign(response)));
        yield Optional.empty();
      }
      case STATE_RESPONSE -> {
        stateTransfer.onResponse((StateResponse) signed.message());
        yield Optional.empty();
      }
      // Bodies of blocks the view change named by header only (TOCS'02 §4.4).
      case BLOCK_REQUEST -> {
        fetcher
            .serve((BlockRequest) signed.message())
            .ifPresent(response -> outbox.send(signed.sender(), outbox.sign(response)));
        yield Optional.empty();
      }
      case BLOCK_RESPONSE -> fetcher.onResponse((BlockResponse) signed.message());
      case STATUS -> statusGossip.onStatus((Signed<Status>) signed);
      // Learns a peer's MAC key and, when asked, answers with this replica's own (TOCS'02 §5).
      case NEW_KEY ->
          keyExchange
              .map(k -> k.onNewKey((Signed<NewKey>) signed))
              .orElse(Optional.of("macs-disabled"));
    };
  }

  /** A normal-case message: handled now, or buffered if it is for a view not entered yet. */
  private Optional<String> dispatchNormal(Authenticated<? extends PbftMessage> envelope) {
    long view = viewOf(envelope.message());
    if (envelope.message() instanceof Commit c && !envelope.sender().equals(context.self())) {
      catchUp.heard(c.seq());
    }
    return isFutureView(view) ? buffer(view, envelope) : handleNormal(envelope);
  }

  @SuppressWarnings("unchecked")
  private Optional<String> handleNormal(Authenticated<? extends PbftMessage> signed) {
    return switch (signed.message().type()) {
      case PRE_PREPARE -> normal.onPrePrepare((PrePrepare) signed.message(), signed.sender());
      case PREPARE -> normal.onPrepare((Signed<Prepare>) signed);
      case COMMIT -> normal.onCommit((Signed<Commit>) signed);
      default -> Optional.of("not-a-normal-case-message");
    };
  }

  private static long viewOf(PbftMessage message) {
    if (message instanceof PrePrepare pp) {
      return pp.view();
    }
    if (message instanceof Prepare p) {
      return p.view();
    }
    return ((Commit) message).view();
  }

  /** A view above the current one, or the one this replica is changing to but has not entered. */
  private boolean isFutureView(long view) {
    return view > state.view || (view == state.view && !state.active);
  }

  private Optional<String> buffer(long view, Authenticated<? extends PbftMessage> signed) {
    if (!futureView.offer(view, signed)) {
      return Optional.of("future-view-buffer-full");
    }
    context.metrics().increment("pbft.buffered", "type", signed.message().type().label());
    return Optional.empty();
  }

  /** After NEW-VIEW: messages buffered for the view just entered go through the normal checks. */
  private void replayBuffered() {
    if (!state.active || futureView.isEmpty()) {
      return;
    }
    for (Authenticated<? extends PbftMessage> held : futureView.release(state.view)) {
      context.metrics().increment("pbft.replayed", "type", held.message().type().label());
      handleNormal(held).ifPresent(reason -> drop(reason, held.message().type().label()));
    }
  }

  private Optional<String> onCheckpoint(Signed<Checkpoint> signed) {
    if (!checkpoints.isCheckpointSeq(signed.message().seq())) {
      return Optional.of("not-a-checkpoint-seq");
    }
    checkpoints.add(signed).ifPresent(this::onStable);
    return Optional.empty();
  }

  /** A checkpoint became stable: advance h, discard the log below it, catch up if behind (§4.3). */
  private void onStable(StableCheckpoint stable) {
    watermarks.advanceTo(stable.seq());
    log.truncateUpTo(stable.seq());
    store.saveCheckpoint(stable);
    store.truncateUpTo(stable.seq());
    store.sync();
    fetcher.forgetUpTo(stable.seq());
    context.metrics().increment("pbft.checkpoints.stable");
    if (state.lastExecuted < stable.seq()) {
      stateTransfer.catchUpTo(stable.seq(), stable.proof().stream().map(Signed::sender).toList());
    }
  }

  private void adoptStableCheckpoint(StableCheckpoint stable) {
    if (checkpoints.install(stable)) {
      onStable(stable);
    } else {
      watermarks.advanceTo(checkpoints.stable().seq());
    }
  }

  private void onExecuted(Block block) {
    executedSinceTimerCheck = true;
    viewChanger.onProgress();
    if (checkpoints.isCheckpointSeq(block.height())) {
      Signed<Checkpoint> own =
          outbox.sign(new Checkpoint(block.height(), block.id(), block.header().stateRoot()));
      outbox.broadcast(own);
      checkpoints.add(own).ifPresent(this::onStable);
    }
  }

  /** Work that follows any event: execution, buffered messages, timers, proposing. */
  private void afterEvent() {
    replayBuffered();
    normal.resolveBodiless();
    normal.releaseWaiting();
    normal.executeReady();
    viewChanger.onExecuted();
    boolean pending = context.mempool().oldestArrivalMillis().isPresent();
    if (!state.active) {
      requestTimer.stop();
    } else if (executedSinceTimerCheck) {
      requestTimer.restart(pending, config.requestTimeoutMillis());
    } else {
      requestTimer.update(pending, config.requestTimeoutMillis());
    }
    executedSinceTimerCheck = false;
    normal.propose();
  }

  private void onRequestTimeout() {
    if (!running || !state.active) {
      return;
    }
    if (context.mempool().oldestArrivalMillis().isPresent()) {
      context.metrics().increment("pbft.request_timer.expired");
      viewChanger.start(state.view + 1);
    }
    afterEvent();
  }

  @Override
  public void onTransactionsAvailable() {
    if (running) {
      try {
        afterEvent();
      } catch (RuntimeException e) {
        context
            .metrics()
            .increment("pbft.handler.errors", "exception", e.getClass().getSimpleName());
      }
    }
  }

  /**
   * An empty seal marks a tentative proposal, imported so the next block can be built on it; it is
   * never final, because only this engine moves the head and finality. A non-empty seal must be a
   * valid commit certificate for the block.
   */
  @Override
  public SealVerdict checkSeal(Block block, LedgerState parentState) {
    if (block.header().sealLength() == 0) {
      return SealVerdict.VALID;
    }
    return CommitCertificate.verifySeal(block, quorum, context.verifier());
  }

  /** f+1: at least one of as many matching replies comes from a correct replica (OSDI'99 §4.1). */
  @Override
  public int repliesNeeded() {
    return quorum.weak();
  }

  /**
   * The replicas whose COMMIT signatures in the block's commit certificate verify: each of them
   * prepared the block, and 2f+1 of them make it committed (§4.2), so every correct one among them
   * executes it and replies with the same result.
   */
  @Override
  public List<NodeId> certifiedBy(Block block) {
    if (block.header().sealLength() == 0) {
      return List.of();
    }
    try {
      return CommitCertificate.decode(block.header().seal())
          .validSigners(block, quorum, context.verifier());
    } catch (DecodingException | IllegalArgumentException e) {
      return List.of();
    }
  }

  @Override
  public EngineStatus status() {
    String role = !state.active ? "view-changing" : normal.isPrimary() ? "primary" : "backup";
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("lastExecuted", state.lastExecuted);
    details.put("stableCheckpoint", checkpoints.stable().seq());
    details.put("lowWatermark", watermarks.low());
    details.put("highWatermark", watermarks.high());
    details.put("loggedSeqs", log.size());
    details.put("f", quorum.f());
    return new EngineStatus(
        role, "view", state.view, Optional.of(quorum.primary(state.view)), details);
  }

  @Override
  public void stop() {
    running = false;
    requestTimer.stop();
    if (tick != null) {
      tick.cancel();
    }
    if (statusTimer != null) {
      statusTimer.cancel();
    }
    viewChanger.stop();
    stateTransfer.stop();
  }

  private void drop(String reason, String type) {
    context.metrics().increment("pbft.dropped", "reason", reason, "type", type);
  }

  /** The replica's stable checkpoint (for tests in this package). */
  StableCheckpoint stableCheckpoint() {
    return checkpoints.stable();
  }

  /** Normal-case messages held for a view not yet entered (for tests in this package). */
  int bufferedForFutureViews() {
    return futureView.size();
  }

  /** Sequence numbers with logged messages (for tests in this package). */
  int loggedSeqs() {
    return log.size();
  }
}
