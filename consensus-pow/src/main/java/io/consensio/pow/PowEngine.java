package io.consensio.pow;

import io.consensio.api.ConsensusContext;
import io.consensio.api.ConsensusEngine;
import io.consensio.api.EngineStatus;
import io.consensio.api.SealVerdict;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.ledger.ImportResult;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.services.Cancellable;
import io.consensio.api.types.Block;
import io.consensio.api.types.NodeId;
import io.consensio.pow.chain.ForkChoice;
import io.consensio.pow.chain.PowChainView;
import io.consensio.pow.chain.SealValidator;
import io.consensio.pow.checkpoint.Checkpoint;
import io.consensio.pow.checkpoint.CheckpointKeeper;
import io.consensio.pow.difficulty.DifficultyRule;
import io.consensio.pow.messages.PowCodec;
import io.consensio.pow.messages.PowMessage;
import io.consensio.pow.mining.Miner;
import io.consensio.pow.sync.BlockSync;
import io.consensio.pow.sync.OrphanPool;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nakamoto consensus (Nakamoto 2008, "Bitcoin: A Peer-to-Peer Electronic Cash System", §4-§5 and
 * §11) with Bitcoin Core's header, target and retarget arithmetic: nodes mine on the chain with the
 * most work, broadcast what they find, and extend the heaviest valid chain they know.
 *
 * <p>The event handlers only: mining lives in {@link Miner}, validation in {@link SealValidator},
 * fork choice in {@link ForkChoice}, gossip and catch-up in {@link BlockSync}, checkpoints in
 * {@link CheckpointKeeper}. A block k deep ({@code confirmations}) is marked final in the ledger.
 * That finality is probabilistic: it rests on no attacker out-mining the honest nodes by k blocks
 * (§11 computes the odds). The ledger never reverts a final block, so on each node it acts as a
 * rolling checkpoint; signed checkpoints make a height hard for every node, including those that
 * were not online to see it buried.
 *
 * <p>Single-threaded and deterministic like every engine: time, randomness and hashing work come
 * from the context; the nonce search runs only through {@code context.compute()}.
 */
public final class PowEngine implements ConsensusEngine {
  private static final Logger LOG = LoggerFactory.getLogger(PowEngine.class);

  private final ConsensusContext context;
  private final PowConfig config;
  private final ChainStore chain;
  private final PowChainView view;
  private final DifficultyRule rule;
  private final CheckpointKeeper checkpoints;
  private final SealValidator validator;
  private final OrphanPool orphans;
  private final BlockSync sync;
  private final Miner miner;
  private ForkChoice forkChoice;
  private boolean running;
  private Cancellable syncTimer;

  public PowEngine(ConsensusContext context, PowConfig config) {
    this.context = context;
    this.config = config;
    this.chain = context.chain();
    this.view = new PowChainView(chain, config.genesisBits());
    this.rule = config.rule();
    this.checkpoints =
        new CheckpointKeeper(
            config.checkpointKey(),
            context.signer(),
            context.verifier(),
            context.store(),
            chain,
            config.checkpointIntervalBlocks(),
            config.checkpointDepth());
    this.validator =
        new SealValidator(
            view,
            rule,
            config.powLimit(),
            config.maxFutureBlockTimeMillis(),
            context.scheduler(),
            checkpoints::latest,
            context.metrics());
    this.orphans = new OrphanPool(config.orphanPoolSize());
    this.sync =
        new BlockSync(
            context, orphans, this::importAndChoose, config.powLimit(), config.syncBatchBlocks());
    this.miner = new Miner(context, config, view, rule, this::onMined);
    context.metrics().gauge("pow.orphans", orphans::size);
  }

  @Override
  public void start() {
    running = true;
    checkpoints.load();
    forkChoice = new ForkChoice(chain, view, checkpoints::latest, context.metrics());
    // Catch up with whatever happened while this node was down.
    for (NodeId peer : peers()) {
      sync.requestCatchUp(peer);
    }
    scheduleSyncTick();
    if (config.mine()) {
      miner.restart(chain.head());
    }
  }

  @Override
  public void stop() {
    running = false;
    miner.stop();
    if (syncTimer != null) {
      syncTimer.cancel();
    }
  }

  @Override
  public SealVerdict checkSeal(Block block, LedgerState parentState) {
    return validator.check(block);
  }

  @Override
  public void onTransactionsAvailable() {
    if (running && config.mine()) {
      miner.onTransactionsAvailable();
    }
  }

  @Override
  public EngineStatus status() {
    Block head = chain.head();
    return new EngineStatus(
        config.mine() ? "miner" : "node",
        "height",
        head.height(),
        Optional.empty(),
        Map.of(
            "finalizedHeight", chain.finalizedHead().height(),
            "confirmations", config.confirmations(),
            "bits", "0x" + Integer.toHexString(view.bits(head)),
            "chainWork", forkChoice == null ? "0" : forkChoice.work(head).toString(),
            "orphans", orphans.size(),
            "checkpointHeight", checkpoints.latest().map(Checkpoint::height).orElse(0L)));
  }

  // ---- messages ----

  @Override
  public void onMessage(NodeId from, byte[] payload) {
    if (!running) {
      return;
    }
    if (!context.membership().contains(from) || from.equals(context.self())) {
      drop("not-a-peer");
      return;
    }
    PowMessage message;
    try {
      message = PowCodec.decode(payload);
    } catch (DecodingException e) {
      drop("malformed");
      return;
    }
    if (message instanceof PowMessage.Announce m) {
      sync.onAnnounce(from, m.header());
    } else if (message instanceof PowMessage.GetBlock m) {
      sync.onGetBlock(from, m.id());
    } else if (message instanceof PowMessage.BlockMessage m) {
      sync.receive(from, m.block());
    } else if (message instanceof PowMessage.GetBlocks m) {
      sync.onGetBlocks(from, m.locator());
      // A peer catching up also needs the checkpoint it may have missed.
      checkpoints
          .latest()
          .ifPresent(
              cp -> context.network().send(from, encode(new PowMessage.CheckpointMessage(cp))));
    } else if (message instanceof PowMessage.Blocks m) {
      sync.onBlocks(from, m.blocks());
    } else if (message instanceof PowMessage.CheckpointMessage m) {
      onCheckpoint(from, m.checkpoint());
    }
  }

  private void onCheckpoint(NodeId from, Checkpoint checkpoint) {
    if (!checkpoints.enabled()) {
      drop("checkpoints-disabled");
      return;
    }
    if (checkpoints.latest().filter(cp -> cp.height() >= checkpoint.height()).isPresent()) {
      return; // known or older: relayed once, so no echo storms
    }
    if (!checkpoints.accept(checkpoint)) {
      drop("bad-checkpoint");
      return;
    }
    context.metrics().increment("pow.checkpoint.accepted");
    context.network().broadcast(encode(new PowMessage.CheckpointMessage(checkpoint)));
    applyCheckpoint(checkpoint);
    if (!chain.contains(checkpoint.blockId())) {
      sync.requestBlock(from, checkpoint.blockId());
      sync.requestCatchUp(from);
    }
  }

  private void applyCheckpoint(Checkpoint checkpoint) {
    reconsider();
    if (chain.isCanonical(checkpoint.blockId())
        && checkpoint.height() > chain.finalizedHead().height()) {
      chain.markFinal(checkpoint.blockId());
      afterFinality();
    }
  }

  // ---- chain ----

  /** Imports a block and lets the fork choice move the head. */
  private ImportResult importAndChoose(Block block) {
    ImportResult result = chain.importBlock(block);
    if (result.status() == ImportResult.Status.IMPORTED) {
      forkChoice.onImported(block);
      reconsider();
    }
    return result;
  }

  private void reconsider() {
    forkChoice.reconsider().ifPresent(this::onHeadChanged);
  }

  private void onHeadChanged(Block head) {
    // One fsync per block: a node that crashes resumes from the head it had, not from its last
    // final block, and so re-fetches at most the blocks mined while it was down. (A sync covers
    // every namespace of the node's storage — one write-ahead log — so the ledger's head move too.)
    context.store().sync();
    context.network().broadcast(encode(new PowMessage.Announce(head.header())));
    long finalHeight = head.height() - config.confirmations() + 1;
    if (finalHeight > chain.finalizedHead().height()) {
      chain.canonicalAt(finalHeight).ifPresent(b -> chain.markFinal(b.id()));
      afterFinality();
    }
    checkpoints
        .issue()
        .ifPresent(
            cp -> {
              context.network().broadcast(encode(new PowMessage.CheckpointMessage(cp)));
              applyCheckpoint(cp);
            });
    if (running && config.mine() && chain.head().id().equals(head.id())) {
      miner.restart(head);
    }
  }

  private void afterFinality() {
    forkChoice.prune();
    orphans.dropAtOrBelow(chain.finalizedHead().height());
  }

  private void onMined(Block block) {
    Block before = chain.head();
    ImportResult result = importAndChoose(block);
    if (!result.isAccepted()) {
      context.metrics().increment("pow.mined.rejected", "reason", result.reason());
      LOG.warn(
          "own block {} at height {} refused: {}", block.id(), block.height(), result.reason());
    }
    if (running && chain.head().id().equals(before.id())) {
      miner.restart(before); // lost a tie or was refused: keep mining on the head
    }
  }

  // ---- catch-up safety net ----

  /** Every few block intervals asks one random peer for blocks after our locator (lost gossip). */
  private void scheduleSyncTick() {
    long period = Math.max(1_000, 3 * config.targetBlockIntervalMillis());
    syncTimer =
        context
            .scheduler()
            .schedule(
                period,
                () -> {
                  if (!running) {
                    return;
                  }
                  List<NodeId> peers = peers();
                  if (!peers.isEmpty()) {
                    sync.requestCatchUp(peers.get(context.random().nextInt(peers.size())));
                  }
                  scheduleSyncTick();
                });
  }

  private List<NodeId> peers() {
    return context.membership().ids().stream().filter(id -> !id.equals(context.self())).toList();
  }

  private static byte[] encode(PowMessage message) {
    return PowCodec.encode(message);
  }

  private void drop(String reason) {
    context.metrics().increment("pow.dropped", "reason", reason);
    LOG.debug("dropped a message: {}", reason);
  }
}
