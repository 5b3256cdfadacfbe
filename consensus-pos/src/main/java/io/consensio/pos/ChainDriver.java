package io.consensio.pos;

import io.consensio.api.ConsensusContext;
import io.consensio.api.SealVerdict;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Signature;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.ledger.ImportResult;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import io.consensio.pos.chain.BlockInfo;
import io.consensio.pos.chain.ChainRules;
import io.consensio.pos.chain.ChainView;
import io.consensio.pos.chain.ForkChoice;
import io.consensio.pos.finality.Checkpoint;
import io.consensio.pos.finality.FinalityGadget;
import io.consensio.pos.seal.PosSeal;
import io.consensio.pos.seal.SealVerifier;
import io.consensio.pos.slashing.Evidence;
import io.consensio.pos.vrf.VerifiedProofs;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Keeps the ledger's head and finality in step with proof of stake: checks seals (recording each
 * valid block's {@link BlockInfo}), imports blocks and tracks fork-choice tips, notices blocks
 * signed twice for one slot, moves the head by the fork-choice rule and applies the finality
 * gadget's decisions to the ledger. Event-loop thread only.
 */
final class ChainDriver implements FinalityGadget.Oracle {
  private record SlotKey(PublicKey proposer, long slot) {}

  private record Signed(Hash block, Signature signature) {}

  private final ConsensusContext context;
  private final ChainStore chain;
  private final PosConfig config;
  private final SealVerifier sealVerifier;
  private final VerifiedProofs proofs = new VerifiedProofs(SealVerifier.PROOF_MEMO_ENTRIES);
  private final EngineStore store;
  private final Consumer<Evidence> onEvidence;
  private final TreeMap<Long, Map<SlotKey, Signed>> signedBySlot = new TreeMap<>();
  private ChainView view;
  private ForkChoice forkChoice;
  private FinalityGadget gadget;

  ChainDriver(
      ConsensusContext context,
      PosConfig config,
      ChainRules rules,
      EngineStore store,
      Consumer<Evidence> onEvidence) {
    this.context = context;
    this.chain = context.chain();
    this.config = config;
    this.sealVerifier =
        new SealVerifier(
            rules, context.verifier(), chain.genesis().header().timestampMillis(), proofs);
    this.store = store;
    this.onEvidence = onEvidence;
  }

  /**
   * Rebuilds the in-memory view from the ledger and the persisted finalized root. Throws {@link
   * IllegalStateException} when the engine's store does not belong to this ledger.
   */
  void start(ChainRules rules) {
    Block finalized = chain.finalizedHead();
    Optional<EngineStore.Root> stored = store.root();
    EngineStore.Root root;
    if (stored.isPresent() && stored.get().info().id().equals(finalized.id())) {
      root = stored.get();
    } else if (stored.isPresent()
        && stored.get().info().height() > finalized.height()
        && chain.isCanonical(stored.get().info().id())) {
      // The root was synced but the ledger's markFinal did not complete: finish it.
      root = stored.get();
      chain.markFinal(root.info().id());
    } else if (finalized.height() == 0) {
      LedgerState genesisState = chain.stateAt(finalized.id()).orElseThrow();
      root = new EngineStore.Root(rules.genesis(chain.genesis(), genesisState), 0);
    } else {
      throw new IllegalStateException(
          "the engine store holds no proof-of-stake root for finalized block " + finalized.id());
    }
    view = new ChainView(chain, sealVerifier, root.info());
    forkChoice = new ForkChoice(root.info().id());
    view.info(chain.head().id()).ifPresent(forkChoice::onImported);
    forkChoice.prune(view);
    gadget =
        new FinalityGadget(
            this, new Checkpoint(root.info().id(), root.epoch()), config.voteRetentionEpochs());
    signedBySlot.clear();
  }

  ChainView view() {
    return view;
  }

  FinalityGadget gadget() {
    return gadget;
  }

  /** The memo of valid VRF proofs the seal check consults; the proposer adds its own. */
  VerifiedProofs verifiedProofs() {
    return proofs;
  }

  SealVerifier sealVerifier() {
    return sealVerifier;
  }

  int tipCount() {
    return forkChoice == null ? 1 : forkChoice.tipCount();
  }

  // ---- seals and imports ----

  SealVerdict checkSeal(Block block, LedgerState parentState) {
    if (view == null) {
      return SealVerdict.reject("engine-not-started");
    }
    if (chain.contains(block.id())) {
      // One block id has one valid seal; a different one is never worth replacing ours with.
      return SealVerdict.reject("seal-replacement");
    }
    Optional<BlockInfo> parent = view.info(block.parent());
    if (parent.isEmpty()) {
      return SealVerdict.reject("parent-below-finality");
    }
    SealVerifier.Outcome outcome = sealVerifier.check(block, parent.get(), parentState);
    outcome.info().ifPresent(info -> view.remember(info));
    return outcome.verdict();
  }

  /** Imports a block, records it as a fork-choice tip and checks its proposer for equivocation. */
  ImportResult importBlock(Block block) {
    ImportResult result = chain.importBlock(block);
    if (result.status() == ImportResult.Status.IMPORTED) {
      Optional<BlockInfo> info = view.info(block.id());
      if (info.isPresent()) {
        forkChoice.onImported(info.get());
        noticeEquivocation(block, info.get());
      }
    }
    return result;
  }

  private void noticeEquivocation(Block block, BlockInfo info) {
    PosSeal seal;
    try {
      seal = PosSeal.decode(block.header().seal());
    } catch (DecodingException e) {
      return; // unreachable for an imported block
    }
    SlotKey key = new SlotKey(info.proposer(), info.slot());
    Signed signed = new Signed(block.id(), seal.blockSignature());
    Signed earlier =
        signedBySlot
            .computeIfAbsent(info.slot(), s -> new java.util.HashMap<>())
            .putIfAbsent(key, signed);
    if (earlier != null && !earlier.block().equals(block.id())) {
      context.metrics().increment("pos.equivocation.detected", "kind", "double-proposal");
      onEvidence.accept(
          new Evidence.DoubleProposal(
              info.proposer(),
              info.slot(),
              earlier.block(),
              earlier.signature(),
              block.id(),
              seal.blockSignature()));
    }
  }

  // ---- head and finality ----

  /** Moves the ledger's head to the fork-choice winner and applies finality that is due. */
  void updateHead() {
    Hash target = forkChoice.choose(view, gadget.highestJustified().block());
    Block current = chain.head();
    if (!target.equals(current.id())) {
      boolean extension =
          chain.block(target).map(b -> b.parent().equals(current.id())).orElse(false);
      if (!extension) {
        context.store().sync(); // see syncAroundHeadMoves
      }
      try {
        chain.setHead(target);
        context.metrics().increment("pos.head.moved");
      } catch (IllegalArgumentException e) {
        context.metrics().increment("pos.head.refused");
      }
      if (current.height() == 0) {
        context.store().sync(); // see syncAroundHeadMoves
      }
    }
    applyFinality();
  }

  /*
   * syncAroundHeadMoves: the simulator's disk (SimStore) keeps its undo log with
   * HashMap.putIfAbsent, which treats a key mapped to null (absent at the last sync) as unmapped,
   * so a key written twice between two syncs reverts on a crash to the first written value instead
   * of disappearing. The ledger rewrites its canonical-index keys on a reorg (and its head key on
   * every move), so without these syncs a crash after "extend to height h, reorg at height h"
   * leaves an index entry the reopened ledger refuses. Syncing before every head move that is not
   * a plain extension, and after the very first one, means no such key is written twice between
   * syncs. It costs one sync per reorg and can go once the simulator's undo log is fixed.
   */

  /** Runs the finality gadget and, when a checkpoint became final, the fork choice and ledger. */
  void processFinality() {
    if (gadget.process().isPresent()) {
      updateHead();
    }
  }

  private void applyFinality() {
    Checkpoint finalized = gadget.finalized();
    if (finalized.block().equals(chain.finalizedHead().id())
        || !chain.isCanonical(finalized.block())) {
      return;
    }
    Optional<BlockInfo> info = view.info(finalized.block());
    if (info.isEmpty() || info.get().height() <= chain.finalizedHead().height()) {
      return;
    }
    store.saveRoot(info.get(), finalized.epoch());
    chain.markFinal(finalized.block());
    context.metrics().increment("pos.finalized");
    view.prune(info.get());
    forkChoice.prune(view);
    signedBySlot.headMap(info.get().slot()).clear();
  }

  // ---- FinalityGadget.Oracle ----

  @Override
  public Optional<Long> slotOf(Hash block) {
    return view.info(block).map(BlockInfo::slot);
  }

  @Override
  public boolean isAncestorOrSelf(Hash ancestor, Hash descendant) {
    return view.isAncestorOrSelf(ancestor, descendant);
  }

  /**
   * A checkpoint's voters are the validators of its epoch: the ledger stakes in the state of the
   * checkpoint block (the epoch boundary). A validator slashed by then has no stake there: the
   * ledger forced it to unbond.
   */
  @Override
  public Optional<SortedMap<PublicKey, Long>> votingStakes(Checkpoint target) {
    if (view.info(target.block()).isEmpty()) {
      return Optional.empty();
    }
    return chain.stateAt(target.block()).map(LedgerState::stakes);
  }

  @Override
  public long firstSlotOf(long epoch) {
    return config.firstSlotOf(epoch);
  }
}
