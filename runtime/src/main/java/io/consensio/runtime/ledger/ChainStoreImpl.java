package io.consensio.runtime.ledger;

import io.consensio.api.SealVerdict;
import io.consensio.api.codec.DecodingException;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.ledger.EvidenceJudge;
import io.consensio.api.ledger.ImportResult;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.ledger.TxLocation;
import io.consensio.api.services.DurableStore;
import io.consensio.api.services.Metrics;
import io.consensio.api.services.Scheduler;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.MerkleTree;
import io.consensio.api.types.Transaction;
import io.consensio.runtime.state.BlockExecutor;
import io.consensio.runtime.state.PersistentLedgerState;
import io.consensio.runtime.state.StateCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * The ledger: a tree of validated blocks rooted at genesis (or at an installed snapshot), each with
 * its own immutable {@link PersistentLedgerState}, a canonical head chosen by the engine and a
 * finalized head that only moves forward.
 *
 * <p>Because every block keeps its own state snapshot (persistent maps share structure), a reorg
 * reverts nothing: the head simply points at another block's state, and listeners are told which
 * blocks left and joined the canonical chain. States are kept for non-final blocks, the finalized
 * head and the canonical head; older final states and those of forks that can no longer become
 * canonical are dropped when finality moves.
 *
 * <p>Memory does not grow with the chain: blocks more than {@link #RETAINED_FINAL_BLOCKS} below the
 * finalized head are dropped from memory (forks and canonical alike) and read back from the store
 * on demand ({@link #block}, {@link #canonicalAt}, {@link #findTransaction}), which holds every
 * imported block, the canonical index and a transaction index.
 *
 * <p>Persistence: blocks are written on import, the canonical index and head on {@link #setHead},
 * and {@link #markFinal} syncs the store. {@link #reopen} rebuilds the ledger from such a store by
 * replaying its blocks.
 *
 * <p>The engine's seal check is installed after construction with {@link #setSealChecker} (the
 * engine is created after the ledger); until then every import is refused as {@code bad-seal}.
 *
 * <p>Threading: event-loop thread only. Deterministic: the only outside input is the scheduler's
 * clock, read for the future-timestamp limit.
 */
public final class ChainStoreImpl implements ChainStore {
  private static final int BUILT_STATE_CACHE_SIZE = 16;

  /**
   * Final blocks kept in memory below the finalized head: enough for engines that look a few blocks
   * back (catch-up, retargeting windows) to stay off the store; older ones are read from it.
   */
  static final int RETAINED_FINAL_BLOCKS = 64;

  private final Genesis genesis;
  private final Block genesisBlock;
  private final ChainPersistence persistence;
  private final Metrics metrics;
  private final BlockExecutor executor;
  private final BlockChecks checks;

  private final Map<Hash, Block> blocks = new HashMap<>();
  private final Map<Hash, PersistentLedgerState> states = new HashMap<>();
  private final CanonicalChain canonical = new CanonicalChain();
  private final List<HeadListener> listeners = new ArrayList<>();

  /** States of blocks cut by {@link #buildBlock}, so importing them sealed does not re-execute. */
  private final Map<Hash, PersistentLedgerState> builtStates =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, PersistentLedgerState> eldest) {
          return size() > BUILT_STATE_CACHE_SIZE;
        }
      };

  private BiFunction<Block, LedgerState, SealVerdict> sealChecker =
      (block, parentState) -> SealVerdict.reject("no seal checker installed");
  private BiConsumer<Transaction, String> refusedListener = (tx, reason) -> {};
  private Block base;
  private Block head;
  private Block finalized;

  /**
   * A ledger on an empty store, starting at {@code genesis}. Refuses a store that already holds a
   * ledger: use {@link #reopen} (or {@link #open}) for that.
   */
  public ChainStoreImpl(
      Genesis genesis,
      DurableStore store,
      Scheduler scheduler,
      Verifier verifier,
      Metrics metrics) {
    this(genesis, store, scheduler, verifier, metrics, EvidenceJudge.NONE);
  }

  /** As above, with the consensus module's rules for evidence transactions. */
  public ChainStoreImpl(
      Genesis genesis,
      DurableStore store,
      Scheduler scheduler,
      Verifier verifier,
      Metrics metrics,
      EvidenceJudge judge) {
    this(genesis, new ChainPersistence(store), scheduler, verifier, metrics, judge);
    if (persistence.genesisId().isPresent()) {
      throw new IllegalStateException("the store already holds a ledger; reopen it instead");
    }
    persistence.initialize(genesisBlock.id());
  }

  private ChainStoreImpl(
      Genesis genesis,
      ChainPersistence persistence,
      Scheduler scheduler,
      Verifier verifier,
      Metrics metrics,
      EvidenceJudge judge) {
    this.genesis = Objects.requireNonNull(genesis);
    this.persistence = persistence;
    this.metrics = Objects.requireNonNull(metrics);
    this.executor = new BlockExecutor(genesis.rules(), judge, verifier);
    this.checks = new BlockChecks(genesis.rules(), scheduler, verifier);
    Genesis.Start start = genesis.start();
    this.genesisBlock = start.block();
    resetTo(genesisBlock, start.state());
    metrics.gauge("ledger.head.height", () -> head.height());
    metrics.gauge("ledger.finalized.height", () -> finalized.height());
  }

  /**
   * Reopens the ledger held by {@code store}: reloads its blocks, checks that each links to a
   * stored parent at the height below, replays every state from genesis (or from the installed
   * snapshot) checking each state root, and resumes with the stored head and finalized head. Throws
   * {@link IllegalStateException} if the store is empty, belongs to another genesis or is
   * inconsistent.
   */
  public static ChainStoreImpl reopen(
      Genesis genesis,
      DurableStore store,
      Scheduler scheduler,
      Verifier verifier,
      Metrics metrics) {
    return reopen(genesis, store, scheduler, verifier, metrics, EvidenceJudge.NONE);
  }

  /** {@link #reopen} with the consensus module's rules for evidence transactions. */
  public static ChainStoreImpl reopen(
      Genesis genesis,
      DurableStore store,
      Scheduler scheduler,
      Verifier verifier,
      Metrics metrics,
      EvidenceJudge judge) {
    ChainStoreImpl chain =
        new ChainStoreImpl(
            genesis, new ChainPersistence(store), scheduler, verifier, metrics, judge);
    new ChainReloader(chain).reload();
    return chain;
  }

  /** {@link #reopen} when the store holds a ledger, a new ledger otherwise. */
  public static ChainStoreImpl open(
      Genesis genesis,
      DurableStore store,
      Scheduler scheduler,
      Verifier verifier,
      Metrics metrics) {
    return open(genesis, store, scheduler, verifier, metrics, EvidenceJudge.NONE);
  }

  /** {@link #open} with the consensus module's rules for evidence transactions. */
  public static ChainStoreImpl open(
      Genesis genesis,
      DurableStore store,
      Scheduler scheduler,
      Verifier verifier,
      Metrics metrics,
      EvidenceJudge judge) {
    if (new ChainPersistence(store).genesisId().isPresent()) {
      return reopen(genesis, store, scheduler, verifier, metrics, judge);
    }
    return new ChainStoreImpl(genesis, store, scheduler, verifier, metrics, judge);
  }

  /**
   * Tells {@code listener} about every candidate transaction that {@link #buildBlock} left out
   * because it failed to execute, with the reason (so the mempool can drop what will never run).
   */
  public void setRefusedTransactionListener(BiConsumer<Transaction, String> listener) {
    this.refusedListener = Objects.requireNonNull(listener);
  }

  /** Installs the engine's seal check, called on every import after the ledger's own checks. */
  public void setSealChecker(BiFunction<Block, LedgerState, SealVerdict> sealChecker) {
    this.sealChecker = Objects.requireNonNull(sealChecker);
  }

  /**
   * Lets import skip signature checks the mempool already made. The predicate must answer true only
   * for a transaction equal — same id <em>and</em> same signature — to one whose signature was
   * verified: the id excludes the signature, so a predicate keyed on the id alone would let a
   * proposer slip a forged signature past this node while other nodes reject the block.
   */
  public void setAlreadyVerified(Predicate<Transaction> alreadyVerified) {
    checks.setAlreadyVerified(alreadyVerified);
  }

  public void addHeadListener(HeadListener listener) {
    listeners.add(Objects.requireNonNull(listener));
  }

  public Genesis genesisDefinition() {
    return genesis;
  }

  @Override
  public Block genesis() {
    return genesisBlock;
  }

  @Override
  public Block head() {
    return head;
  }

  @Override
  public Block finalizedHead() {
    return finalized;
  }

  @Override
  public Optional<Block> block(Hash id) {
    return Optional.ofNullable(blockOrNull(id));
  }

  /** The block from memory, else (an old block) from the store; null when never imported. */
  private Block blockOrNull(Hash id) {
    Block block = blocks.get(id); // the base is never evicted, and never in the store's blocks
    return block != null ? block : persistence.block(id).orElse(null);
  }

  /** How many blocks this ledger holds in memory (tests check that it stays bounded). */
  int blocksInMemory() {
    return blocks.size();
  }

  @Override
  public boolean contains(Hash id) {
    return blockOrNull(id) != null;
  }

  @Override
  public Optional<Block> canonicalAt(long height) {
    if (height >= canonical.lowestHeight() || height < base.height() || height > head.height()) {
      return canonical.at(height);
    }
    return persistence.canonicalBlock(height);
  }

  @Override
  public boolean isCanonical(Hash id) {
    Block block = blockOrNull(id);
    return block != null && canonicalAt(block.height()).map(b -> b.id().equals(id)).orElse(false);
  }

  @Override
  public Optional<LedgerState> stateAt(Hash id) {
    return Optional.ofNullable(states.get(id));
  }

  @Override
  public LedgerState headState() {
    return states.get(head.id());
  }

  @Override
  public Block buildBlock(
      Hash parentId, List<Transaction> candidates, long timestampMillis, PublicKey proposer) {
    Block parent = blocks.get(parentId);
    PersistentLedgerState parentState = states.get(parentId);
    if (parent == null || parentState == null) {
      throw new IllegalArgumentException("no state to build on for block " + parentId);
    }
    long height = parent.height() + 1;
    BlockExecutor.Built built = executor.build(parentState, candidates, height, proposer);
    for (BlockExecutor.Refused refused : built.refused()) {
      refusedListener.accept(refused.transaction(), refused.reason());
    }
    BlockHeader header =
        new BlockHeader(
            height,
            parentId,
            timestampMillis,
            proposer,
            MerkleTree.rootOfTransactions(built.transactions()),
            built.state().stateRoot(),
            new byte[0]);
    Block block = new Block(header, built.transactions());
    builtStates.put(block.id(), built.state().relabel(block.id(), height));
    return block;
  }

  @Override
  public ImportResult importBlock(Block block) {
    ImportResult result = validateAndAdd(block);
    if (result.status() == ImportResult.Status.INVALID) {
      String rule = result.reason().split(":", 2)[0];
      metrics.increment("ledger.block.rejected", "reason", rule);
    } else {
      metrics.increment("ledger.block." + result.status().name().toLowerCase());
    }
    return result;
  }

  private ImportResult validateAndAdd(Block block) {
    Block known = blocks.get(block.id());
    if (known != null) {
      upgradeSeal(known, block);
      return ImportResult.ALREADY_KNOWN;
    }
    if (block.height() < canonical.lowestHeight() && contains(block.id())) {
      return ImportResult.ALREADY_KNOWN; // an old block, dropped from memory, offered again
    }
    Block parent = blocks.get(block.parent());
    if (parent == null) {
      // an old parent is only in the store, and its state is long gone: a fork below finality
      return contains(block.parent())
          ? ImportResult.invalid("fork-below-finalized")
          : ImportResult.UNKNOWN_PARENT;
    }
    PersistentLedgerState parentState = states.get(parent.id());
    if (parentState == null) {
      // The parent is final but not the finalized head, or on a fork abandoned below finality.
      return ImportResult.invalid("fork-below-finalized");
    }
    Optional<String> broken = checks.check(block, parent);
    if (broken.isPresent()) {
      return ImportResult.invalid(broken.get());
    }
    // The id covers the transaction root and the state root, so a block we built ourselves
    // (same id) executes to the state we cached when building it.
    PersistentLedgerState state = builtStates.get(block.id());
    if (state == null) {
      BlockExecutor.Outcome outcome = executor.execute(parentState, block);
      if (!outcome.isValid()) {
        return ImportResult.invalid("tx-rejected: " + outcome.reason());
      }
      state = outcome.state();
    }
    if (!state.stateRoot().equals(block.header().stateRoot())) {
      return ImportResult.invalid("bad-state-root");
    }
    SealVerdict verdict = checkSeal(block, parentState);
    if (!verdict.valid()) {
      return ImportResult.invalid("bad-seal: " + verdict.reason());
    }
    builtStates.remove(block.id());
    blocks.put(block.id(), block);
    states.put(block.id(), state);
    persistence.putBlock(block);
    return ImportResult.IMPORTED;
  }

  /**
   * A BFT engine imports a proposal with its proposal seal and later the same block (same id) with
   * its commit certificate: keep the newer seal when the engine accepts it, so the stored and
   * served block carries the proof of its finality.
   */
  private void upgradeSeal(Block known, Block offered) {
    if (offered.height() == 0 || Arrays.equals(known.header().seal(), offered.header().seal())) {
      return;
    }
    PersistentLedgerState parentState = states.get(offered.parent());
    if (parentState == null || !checkSeal(offered, parentState).valid()) {
      return;
    }
    blocks.put(offered.id(), offered);
    persistence.putBlock(offered);
    canonical.replace(offered);
    if (head.id().equals(offered.id())) {
      head = offered;
    }
    if (finalized.id().equals(offered.id())) {
      finalized = offered;
    }
    metrics.increment("ledger.block.seal.upgraded");
  }

  /** A peer's block must not crash the node, even if the engine's seal check throws on it. */
  private SealVerdict checkSeal(Block block, LedgerState parentState) {
    try {
      return Objects.requireNonNull(sealChecker.apply(block, parentState), "seal verdict");
    } catch (RuntimeException e) {
      metrics.increment("ledger.seal.check.failed", "exception", e.getClass().getSimpleName());
      return SealVerdict.reject("seal check failed: " + e.getClass().getSimpleName());
    }
  }

  @Override
  public void setHead(Hash id) {
    Block target = blocks.get(id);
    if (target == null) {
      throw new IllegalArgumentException("unknown block " + id);
    }
    if (target.id().equals(head.id())) {
      return;
    }
    ForkPath path = ForkPath.between(this::blockOrNull, head, target);
    // The old head descends from the finalized head, so a fork point at or above it means the
    // target does too; below it, moving would revert a final block.
    if (path.forkPoint().height() < finalized.height()) {
      throw new IllegalArgumentException(
          "block " + id + " does not descend from the finalized head " + finalized.id());
    }
    long oldHeadHeight = head.height();
    for (int i = 0; i < path.reverted().size(); i++) {
      canonical.pop();
    }
    for (Block block : path.applied()) {
      canonical.push(block);
    }
    head = target;
    persistence.moveHead(oldHeadHeight, path.reverted(), path.applied(), target);
    if (!path.reverted().isEmpty()) {
      metrics.increment("ledger.reorg");
      metrics.record("ledger.reorg.depth", path.reverted().size());
    }
    for (HeadListener listener : listeners) {
      listener.onHeadChanged(path.reverted(), path.applied());
    }
  }

  @Override
  public void markFinal(Hash id) {
    Block block = blocks.get(id);
    if (block == null) {
      throw new IllegalArgumentException("unknown block " + id);
    }
    if (!canonical.contains(block)) {
      throw new IllegalArgumentException("block " + id + " is not on the canonical chain");
    }
    if (block.height() <= finalized.height()) {
      return; // already final: finality only moves forward
    }
    finalized = block;
    persistence.markFinal(id);
    pruneStates();
    evictOldBlocks();
  }

  /**
   * Drops from memory the blocks more than {@link #RETAINED_FINAL_BLOCKS} below the finalized head.
   * They are final (or forks that can never be canonical) and stored, so nothing is lost.
   */
  private void evictOldBlocks() {
    long below = finalized.height() - RETAINED_FINAL_BLOCKS;
    if (below <= canonical.lowestHeight()) {
      return;
    }
    blocks.values().removeIf(b -> b.height() < below && !b.id().equals(base.id()));
    canonical.evictBelow(below);
  }

  /** Drops the states that no head change can ever need again. */
  private void pruneStates() {
    for (Iterator<Map.Entry<Hash, PersistentLedgerState>> it = states.entrySet().iterator();
        it.hasNext(); ) {
      Block block = blocks.get(it.next().getKey());
      if (!block.id().equals(head.id()) && !descendsFromFinalizedStrictly(block)) {
        it.remove();
      }
    }
  }

  /** True for the finalized head itself and for blocks above it on its subtree. */
  private boolean descendsFromFinalizedStrictly(Block block) {
    Block cursor = block;
    while (cursor.height() > finalized.height()) {
      cursor = blockOrNull(cursor.parent());
    }
    return cursor.id().equals(finalized.id());
  }

  @Override
  public Optional<TxLocation> findTransaction(Hash txId) {
    Optional<CanonicalChain.TxSlot> slot = canonical.find(txId);
    if (slot.isEmpty()) {
      // below the blocks in memory: the store's transaction index (final blocks only)
      slot = persistence.transactionSlot(txId).filter(s -> s.height() < canonical.lowestHeight());
    }
    return slot.map(
        s -> new TxLocation(s.blockId(), s.height(), s.index(), s.height() <= finalized.height()));
  }

  @Override
  public byte[] exportState(Hash id) {
    PersistentLedgerState state = states.get(id);
    if (state == null) {
      throw new IllegalArgumentException("no state kept for block " + id);
    }
    return StateCodec.encode(state);
  }

  @Override
  public void installSnapshot(Block block, byte[] stateBytes) {
    PersistentLedgerState state;
    try {
      state = StateCodec.decode(stateBytes, block.id(), block.height());
    } catch (DecodingException e) {
      throw new IllegalArgumentException("malformed snapshot state: " + e.getMessage(), e);
    }
    if (!state.chainId().equals(genesis.chainId())) {
      throw new IllegalArgumentException(
          "snapshot of chain " + state.chainId() + ", this is " + genesis.chainId());
    }
    if (!state.stateRoot().equals(block.header().stateRoot())) {
      throw new IllegalArgumentException("snapshot state does not match the block's state root");
    }
    if (block.height() <= finalized.height()) {
      throw new IllegalArgumentException(
          "snapshot at height "
              + block.height()
              + " does not extend beyond the finalized height "
              + finalized.height());
    }
    persistence.installSnapshot(block, stateBytes);
    resetTo(block, state);
    // The blocks between the old head and the snapshot are unknown here, so listeners are told
    // only that the snapshot block was applied; the mempool re-checks nonces on the new head.
    List<Block> applied = List.of(block);
    for (HeadListener listener : listeners) {
      listener.onHeadChanged(List.of(), applied);
    }
  }

  /** Forgets the tree and restarts it from {@code newBase} as base, head and finalized head. */
  private void resetTo(Block newBase, PersistentLedgerState state) {
    blocks.clear();
    states.clear();
    builtStates.clear();
    base = newBase;
    head = newBase;
    finalized = newBase;
    blocks.put(newBase.id(), newBase);
    states.put(newBase.id(), state);
    canonical.reset(newBase);
  }

  // ---- used by ChainReloader, which rebuilds this ledger from its store ----

  ChainPersistence persistence() {
    return persistence;
  }

  BlockExecutor executor() {
    return executor;
  }

  Block base() {
    return base;
  }

  PersistentLedgerState baseState() {
    return states.get(base.id());
  }

  void restoreBase(Block snapshotBlock, PersistentLedgerState state) {
    resetTo(snapshotBlock, state);
  }

  /**
   * Adds the reloaded blocks and states, makes {@code baseToHead} (oldest first, base excluded) the
   * canonical chain and prunes as {@link #markFinal} would have.
   */
  void restoreTree(
      Map<Hash, Block> loadedBlocks,
      Map<Hash, PersistentLedgerState> loadedStates,
      List<Block> baseToHead,
      Block newFinalized) {
    blocks.putAll(loadedBlocks);
    states.putAll(loadedStates);
    canonical.reset(base);
    for (Block block : baseToHead) {
      canonical.push(block);
    }
    head = canonical.tip();
    finalized = newFinalized;
    pruneStates();
    evictOldBlocks();
  }
}
