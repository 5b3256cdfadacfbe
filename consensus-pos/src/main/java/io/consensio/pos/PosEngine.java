package io.consensio.pos;

import io.consensio.api.ConsensusContext;
import io.consensio.api.ConsensusEngine;
import io.consensio.api.EngineStatus;
import io.consensio.api.SealVerdict;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.services.Cancellable;
import io.consensio.api.types.Block;
import io.consensio.api.types.NodeId;
import io.consensio.pos.chain.BlockInfo;
import io.consensio.pos.chain.ChainRules;
import io.consensio.pos.finality.FinalityGadget;
import io.consensio.pos.finality.Vote;
import io.consensio.pos.finality.VotePool;
import io.consensio.pos.messages.PosCodec;
import io.consensio.pos.messages.PosMessage;
import io.consensio.pos.vrf.VrfKeyPair;
import io.consensio.pos.vrf.VrfPublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proof of stake: an Ouroboros Praos-style private slot lottery (David et al., EUROCRYPT 2018) for
 * block production, optionally weighted by Peercoin's coin age (King and Nadal, 2012), with a
 * stake-weighted longest-chain fork choice, Casper FFG finality (Buterin and Griffith, 2017) on
 * epoch boundary checkpoints, and slashing of equivocating proposers and voters.
 *
 * <p>This class holds the event handlers only: a timer per slot (propose if the lottery says so,
 * vote once per epoch, retry pending slashing reports and the VRF key registration, anti-entropy
 * catch-up), and one handler per message type. The parts: {@link ChainDriver} (seals, imports,
 * head, finality), {@link Proposer}, {@link Voter}, {@link BlockGossip} (propagation, orphans,
 * catch-up), {@link EvidenceReporter}, {@link VrfRegistrar}. The lottery is an RFC 9381 VRF ({@link
 * io.consensio.pos.vrf.Ecvrf}).
 *
 * <p>Threading and determinism: every method runs on the node's event loop; time, randomness,
 * network and storage come from the {@link ConsensusContext} only.
 */
public final class PosEngine implements ConsensusEngine {
  private final ConsensusContext context;
  private final PosConfig config;
  private final ChainRules rules;
  private final ChainDriver driver;
  private final Proposer proposer;
  private final Voter voter;
  private final EvidenceReporter reporter;
  private final VrfRegistrar registrar;
  private final BlockGossip gossip;
  private final PublicKey self;
  private final VrfKeyPair vrf;

  private boolean running;
  private long lastSlot = -1;
  private Cancellable slotTimer;

  public PosEngine(ConsensusContext context, PosConfig config) {
    this.context = context;
    this.config = config;
    this.rules = new ChainRules(config);
    EngineStore store = new EngineStore(context.store());
    this.reporter = new EvidenceReporter(context);
    this.driver = new ChainDriver(context, config, rules, store, reporter::report);
    this.vrf = VrfKeyPair.derive(context.signer());
    this.proposer = new Proposer(context, config, rules, driver, store, vrf);
    this.registrar = new VrfRegistrar(context, driver, vrf);
    this.voter = new Voter(context, config, driver, store);
    this.gossip = new BlockGossip(context, config, driver);
    this.self = context.signer().publicKey();
  }

  @Override
  public void start() {
    running = true;
    driver.start(rules);
    for (NodeId peer : context.membership().ids()) {
      if (!peer.equals(context.self())) {
        gossip.requestCatchUp(peer);
      }
    }
    scheduleNextSlot();
  }

  @Override
  public void stop() {
    running = false;
    if (slotTimer != null) {
      slotTimer.cancel();
    }
  }

  @Override
  public SealVerdict checkSeal(Block block, LedgerState parentState) {
    return driver.checkSeal(block, parentState);
  }

  /** Blocks are cut on slot ticks, not when transactions arrive. */
  @Override
  public void onTransactionsAvailable() {}

  // ---- slots ----

  private long currentSlot() {
    long sinceGenesis =
        context.scheduler().nowMillis() - context.chain().genesis().header().timestampMillis();
    return sinceGenesis <= 0 ? 0 : sinceGenesis / config.slotMillis();
  }

  private void scheduleNextSlot() {
    long next = driver.sealVerifier().slotStartMillis(currentSlot() + 1);
    long delay = Math.max(1, next - context.scheduler().nowMillis());
    slotTimer = context.scheduler().schedule(delay, this::onSlotTimer);
  }

  private void onSlotTimer() {
    if (!running) {
      return;
    }
    long slot = currentSlot();
    if (slot > lastSlot) {
      if (lastSlot >= 0 && slot > lastSlot + 1) {
        // the loop was busy past whole slots: their lottery was never drawn here
        context.metrics().add("pos.slot.skipped", slot - lastSlot - 1);
      }
      lastSlot = slot;
      onSlot(slot);
    }
    scheduleNextSlot();
  }

  private void onSlot(long slot) {
    proposer.onSlot(slot);
    voter.onSlot(slot).ifPresent(vote -> onVote(vote, true));
    reporter.retry();
    registrar.retry();
    if (slot % config.epochSlots() == 0) {
      randomPeer().ifPresent(gossip::requestAboveHead);
    }
    settle();
  }

  private Optional<NodeId> randomPeer() {
    List<NodeId> peers =
        context.membership().ids().stream().filter(id -> !id.equals(context.self())).toList();
    return peers.isEmpty()
        ? Optional.empty()
        : Optional.of(peers.get(context.random().nextInt(peers.size())));
  }

  /** Applies what the votes and blocks received so far allow: justification and finality. */
  private void settle() {
    long before = context.chain().finalizedHead().height();
    driver.processFinality();
    if (context.chain().finalizedHead().height() != before) {
      gossip.onFinalized();
    }
  }

  // ---- messages ----

  @Override
  public void onMessage(NodeId from, byte[] payload) {
    if (!running) {
      return;
    }
    if (!context.membership().contains(from)) {
      drop("not-a-member");
      return;
    }
    if (PosCodec.newBlockId(payload).filter(context.chain()::contains).isPresent()) {
      context.metrics().increment("pos.block.duplicate");
      return;
    }
    PosMessage message;
    try {
      message = PosCodec.decode(payload);
    } catch (DecodingException | IllegalArgumentException e) {
      drop("malformed");
      return;
    }
    if (message instanceof PosMessage.NewBlock m) {
      gossip.onNewBlock(from, m.block());
    } else if (message instanceof PosMessage.Blocks m) {
      gossip.onBlocks(from, m);
    } else if (message instanceof PosMessage.SyncRequest m) {
      gossip.onSyncRequest(from, m);
    } else if (message instanceof PosMessage.VoteMessage m) {
      onVote(m.vote(), true);
    } else if (message instanceof PosMessage.Votes m) {
      m.votes().forEach(vote -> onVote(vote, false));
    }
    settle();
  }

  /**
   * Verifies, deduplicates and keeps a vote; a conflicting pair is slashing evidence. New votes are
   * relayed when {@code relay} (gossip), not when they come in a catch-up batch.
   */
  private void onVote(Vote vote, boolean relay) {
    FinalityGadget gadget = driver.gadget();
    long epoch = vote.target().epoch();
    if (epoch + config.voteRetentionEpochs() < gadget.finalized().epoch()
        || epoch > config.epochOf(currentSlot()) + 2) {
      drop("vote-out-of-window");
      return;
    }
    if (gadget.pool().holds(vote)) {
      context.metrics().increment("pos.vote.duplicate");
      return;
    }
    if (!isKnownValidator(vote.validator())) {
      drop("unknown-validator");
      return;
    }
    if (!vote.hasValidSignature(context.verifier())) {
      drop("forged-vote");
      return;
    }
    VotePool.AddResult added = gadget.pool().add(vote);
    switch (added.status()) {
      case ADDED -> {
        if (relay) {
          context.network().broadcast(PosCodec.encode(new PosMessage.VoteMessage(vote)));
        }
      }
      case CONFLICT -> {
        context.metrics().increment("pos.equivocation.detected", "kind", "conflicting-votes");
        added.evidence().ifPresent(reporter::report);
      }
      case DUPLICATE -> context.metrics().increment("pos.vote.duplicate");
    }
  }

  private boolean isKnownValidator(PublicKey key) {
    Optional<BlockInfo> head = driver.view().info(context.chain().head().id());
    return driver.view().root().epochStakes().containsKey(key)
        || head.map(info -> info.epochStakes().containsKey(key)).orElse(false);
  }

  private void drop(String reason) {
    context.metrics().increment("pos.dropped", "reason", reason);
  }

  /** This validator's key. */
  PublicKey selfKey() {
    return self;
  }

  /** This validator's VRF public key (derived from its signer, registered on the chain). */
  VrfPublicKey vrfPublicKey() {
    return vrf.publicKey();
  }

  /** The derived info of a block this node holds (for tests and diagnostics). */
  Optional<BlockInfo> info(io.consensio.api.types.Hash block) {
    return driver.view().info(block);
  }

  // ---- status ----

  @Override
  public EngineStatus status() {
    Block head = context.chain().head();
    Optional<BlockInfo> headInfo = driver.view().info(head.id());
    boolean validator =
        headInfo.map(info -> info.epochStakes().containsKey(self)).orElse(false)
            && !context.chain().headState().isSlashed(self);
    Optional<NodeId> leader =
        context.membership().memberByKey(head.header().proposer()).map(m -> m.id());
    Map<String, Object> details = new HashMap<>();
    details.put("epoch", config.epochOf(Math.max(lastSlot, 0)));
    details.put("headHeight", head.height());
    details.put("headSlot", headInfo.map(BlockInfo::slot).orElse(-1L));
    details.put("justifiedEpoch", driver.gadget().highestJustified().epoch());
    details.put("finalizedEpoch", driver.gadget().finalized().epoch());
    details.put("finalizedHeight", context.chain().finalizedHead().height());
    details.put("slashed", context.chain().headState().slashed().size());
    details.put("forkTips", driver.tipCount());
    details.put("orphans", gossip.orphanCount());
    details.put("pendingReports", reporter.pendingCount());
    details.put("coinAge", config.coinAge());
    return new EngineStatus(
        validator ? "validator" : "observer", "slot", Math.max(lastSlot, 0), leader, details);
  }
}
