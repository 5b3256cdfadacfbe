package io.consensio.dpos;

import io.consensio.api.ConsensusContext;
import io.consensio.api.ConsensusEngine;
import io.consensio.api.EngineStatus;
import io.consensio.api.Member;
import io.consensio.api.SealVerdict;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.services.Cancellable;
import io.consensio.api.types.Block;
import io.consensio.api.types.NodeId;
import io.consensio.dpos.messages.DposCodec;
import io.consensio.dpos.messages.DposMessage;
import io.consensio.dpos.schedule.ProducerStats;
import io.consensio.dpos.schedule.RoundPlanner;
import io.consensio.dpos.schedule.RoundState;
import io.consensio.dpos.schedule.SlotClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Delegated proof of stake as in BitShares 2.0 and EOSIO: stakeholders elect delegates by approval
 * voting, delegates take turns producing one block per slot in a shuffled per-round schedule, and a
 * block confirmed by more than two thirds of the delegates is irreversible.
 *
 * <p>Sources: D. Larimer, "Delegated Proof-of-Stake (DPOS)" (BitShares whitepaper, 2014);
 * "BitShares 2.0: Financial Smart Contract Platform" (witness scheduling, last irreversible block);
 * EOSIO "Consensus Protocol" documentation (producer schedule, block timestamps as slots, LIB). The
 * parts live in their own classes: {@link io.consensio.dpos.schedule.Election} (approval voting),
 * {@link RoundPlanner} (rounds, shuffle, counters), {@link SealChecker} (block validity), {@link
 * BlockProducer}, {@link ChainFollower} (gossip, catch-up, fork choice, LIB) and {@link
 * io.consensio.dpos.evidence} (double-production proofs, judged by the ledger).
 *
 * <p>This class only turns events into calls: a slot timer on slot boundaries of the context's
 * clock, peer messages, and the ledger's seal checks. Deterministic: no threads, no wall clock, no
 * randomness at all — every decision is a function of the block tree and the slot.
 */
public final class DposEngine implements ConsensusEngine {
  private final ConsensusContext context;
  private final DposConfig config;
  private final RoundPlanner planner;
  private final SealChecker sealChecker;
  private final ChainFollower follower;
  private final PublicKey self;
  private BlockProducer producer;
  private boolean running;
  private Cancellable slotTimer;

  public DposEngine(ConsensusContext context, DposConfig config) {
    this.context = context;
    this.config = config;
    SlotClock clock =
        new SlotClock(context.chain().genesis().header().timestampMillis(), config.slotMillis());
    this.planner =
        new RoundPlanner(
            context.chain(), context.membership(), config.maxDelegates(), clock, 16_384);
    this.sealChecker = new SealChecker(context.chain(), planner, context.verifier());
    this.follower = new ChainFollower(context, config, planner);
    this.self = context.signer().publicKey();
  }

  @Override
  public void start() {
    running = true;
    // Counts starts and restarts: operators see crash loops, tests see that restarts happened.
    context.metrics().increment("dpos.engine.started");
    producer =
        new BlockProducer(
            context, config, planner, new ProductionGuard(context.store()), follower.evidence());
    follower.catchUpFromAll();
    armSlotTimer();
  }

  @Override
  public void stop() {
    running = false;
    if (slotTimer != null) {
      slotTimer.cancel();
    }
  }

  /** Blocks are cut on slot ticks; a waiting transaction goes into the next slot's block. */
  @Override
  public void onTransactionsAvailable() {}

  @Override
  public SealVerdict checkSeal(Block block, LedgerState parentState) {
    return sealChecker.check(block, parentState);
  }

  private void armSlotTimer() {
    long now = context.scheduler().nowMillis();
    long next = planner.clock().startOf(planner.clock().slotAt(now) + 1);
    slotTimer = context.scheduler().schedule(Math.max(0, next - now), this::onSlot);
  }

  private void onSlot() {
    if (!running) {
      return;
    }
    long slot = planner.clock().slotAt(context.scheduler().nowMillis());
    if (slot >= 1) {
      producer.produce(slot).ifPresent(follower::onProduced);
    }
    armSlotTimer();
  }

  @Override
  public void onMessage(NodeId from, byte[] payload) {
    if (!running) {
      return;
    }
    if (!context.membership().contains(from)) {
      drop("not-a-member");
      return;
    }
    if (DposCodec.newBlockId(payload).filter(context.chain()::contains).isPresent()) {
      context.metrics().increment("dpos.block.duplicate");
      return;
    }
    DposMessage message;
    try {
      message = DposCodec.decode(payload);
    } catch (DecodingException e) {
      drop("malformed");
      return;
    }
    if (message instanceof DposMessage.NewBlock m) {
      follower.onBlock(from, m.block(), true);
    } else if (message instanceof DposMessage.SyncRequest m) {
      follower.onSyncRequest(from, m.fromHeight());
    } else if (message instanceof DposMessage.SyncResponse m) {
      follower.onSyncResponse(from, m);
    } else if (message instanceof DposMessage.Evidence m) {
      follower.onEvidence(m.evidence());
    }
  }

  @Override
  public EngineStatus status() {
    Block head = context.chain().head();
    long slot = planner.clock().slotAt(context.scheduler().nowMillis());
    Optional<RoundState> round = planner.roundOf(head);
    Optional<NodeId> slotOwner = Optional.empty();
    if (slot > planner.slotOf(head)) {
      PublicKey owner =
          planner.assign(head, context.chain().headState(), slot).round().producerOf(slot);
      slotOwner = context.membership().memberByKey(owner).map(Member::id);
    }
    Map<String, Object> details = new TreeMap<>();
    details.put("headHeight", head.height());
    details.put("lib", context.chain().finalizedHead().height());
    details.put("round", round.map(RoundState::round).orElse(-1L));
    details.put("roundStartSlot", round.map(RoundState::startSlot).orElse(0L));
    details.put("schedule", names(round.map(RoundState::schedule).orElse(List.of())));
    details.put("slashed", slashed(context.chain().headState()));
    details.put("delegateStats", delegateStats(head));
    details.put("orphans", follower.orphanCount());
    details.put("pendingEvidence", follower.evidence().size());
    boolean delegate = round.map(r -> r.schedule().contains(self)).orElse(false);
    return new EngineStatus(delegate ? "delegate" : "standby", "slot", slot, slotOwner, details);
  }

  private Map<String, Object> delegateStats(Block head) {
    Map<String, Object> out = new TreeMap<>();
    for (Map.Entry<PublicKey, ProducerStats> e : planner.statsAt(head).entrySet()) {
      out.put(
          name(e.getKey()),
          Map.of("produced", e.getValue().produced(), "missed", e.getValue().missed()));
    }
    return out;
  }

  /** Keys the ledger punished for double production, with the height of the proof's block. */
  private Map<String, Object> slashed(LedgerState state) {
    Map<String, Object> out = new TreeMap<>();
    state.slashed().forEach((key, height) -> out.put(name(key), height));
    return out;
  }

  private List<String> names(List<PublicKey> keys) {
    List<String> out = new ArrayList<>();
    for (PublicKey key : keys) {
      out.add(name(key));
    }
    return out;
  }

  /** A member's node id, or the key in hex for a candidate that is not a configured node. */
  private String name(PublicKey key) {
    return context.membership().memberByKey(key).map(m -> m.id().value()).orElse(key.toHex());
  }

  private void drop(String reason) {
    context.metrics().increment("dpos.dropped", "reason", reason);
  }
}
