package io.consensio.raft.harness;

import io.consensio.api.ConsensusEngine;
import io.consensio.api.SealVerdict;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.crypto.Verifier;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.ledger.ImportResult;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.ledger.TxLocation;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.MerkleTree;
import io.consensio.api.types.Transaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A small but faithful {@link ChainStore}: a block tree with per-block states, import validation
 * (parent, height, timestamp, Merkle root, signatures if asked, transactions, state root, the
 * engine's seal), a canonical head that must descend from the finalized head, finality that never
 * moves back, and {@link #crash()} that keeps only what {@code markFinal} made durable.
 * Transactions become canonical through {@code onCanonical} (the mempool's cue to forget them).
 */
public final class FakeChainStore implements ChainStore {
  private final Block genesis;
  private final Map<Hash, Block> blocks = new HashMap<>();
  private final Map<Hash, FakeState> states = new HashMap<>();
  private final TreeMap<Long, Hash> canonical = new TreeMap<>();

  /** Durable: height to final block id, as the finalized chain grew. */
  private final TreeMap<Long, Hash> finalByHeight = new TreeMap<>();

  private final Map<Hash, Block> durableBlocks = new HashMap<>();
  private final Map<Hash, FakeState> durableStates = new HashMap<>();
  private Block head;
  private Block finalized;
  private ConsensusEngine sealChecker;
  private Verifier signatureVerifier;
  private boolean importsFail;
  private Consumer<List<Transaction>> onCanonical = txs -> {};

  public FakeChainStore(Block genesis) {
    this.genesis = genesis;
    FakeState state = new FakeState(genesis.id(), 0, new TreeMap<>());
    blocks.put(genesis.id(), genesis);
    states.put(genesis.id(), state);
    durableBlocks.put(genesis.id(), genesis);
    durableStates.put(genesis.id(), state);
    canonical.put(0L, genesis.id());
    finalByHeight.put(0L, genesis.id());
    head = genesis;
    finalized = genesis;
  }

  /** The genesis every test node shares: empty state, fixed timestamp. */
  public static Block testGenesis() {
    FakeState empty = new FakeState(Hash.ZERO, 0, new TreeMap<>());
    BlockHeader h =
        new BlockHeader(
            0,
            Hash.ZERO,
            0,
            PublicKey.wrap(new byte[32]),
            MerkleTree.EMPTY_ROOT,
            empty.stateRoot(),
            new byte[0]);
    return new Block(h, List.of());
  }

  /**
   * Checks every transaction's signature on import, as the real ledger does; off by default because
   * most tests do not need the cost.
   */
  public void verifySignaturesWith(Verifier verifier) {
    this.signatureVerifier = verifier;
  }

  /** While true, every import throws as a ledger whose storage fails would. */
  public void failImports(boolean fail) {
    this.importsFail = fail;
  }

  public void setSealChecker(ConsensusEngine engine) {
    this.sealChecker = engine;
  }

  public void setOnCanonical(Consumer<List<Transaction>> listener) {
    this.onCanonical = listener;
  }

  /** Loses everything not final: a crash of the node. */
  public void crash() {
    blocks.clear();
    blocks.putAll(durableBlocks);
    states.clear();
    states.putAll(durableStates);
    head = finalized;
    canonical.tailMap(finalized.height(), false).clear();
    sealChecker = null;
  }

  /** Final block ids by height (survives crashes). */
  public TreeMap<Long, Hash> finalByHeight() {
    return new TreeMap<>(finalByHeight);
  }

  @Override
  public Block genesis() {
    return genesis;
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
    return Optional.ofNullable(blocks.get(id));
  }

  @Override
  public boolean contains(Hash id) {
    return blocks.containsKey(id);
  }

  @Override
  public Optional<Block> canonicalAt(long height) {
    return Optional.ofNullable(canonical.get(height)).map(blocks::get);
  }

  @Override
  public boolean isCanonical(Hash id) {
    Block b = blocks.get(id);
    return b != null && id.equals(canonical.get(b.height()));
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
      Hash parent, List<Transaction> candidates, long timestampMillis, PublicKey proposer) {
    Block p = blocks.get(parent);
    FakeState state = states.get(parent);
    if (p == null || state == null) {
      throw new IllegalArgumentException("unknown parent " + parent);
    }
    TreeMap<PublicKey, Long> nonces = state.nonces();
    List<Transaction> included = new ArrayList<>();
    for (Transaction tx : candidates) {
      TreeMap<PublicKey, Long> next = FakeState.apply(nonces, tx);
      if (next != null) {
        nonces = next;
        included.add(tx);
      }
    }
    FakeState after = new FakeState(Hash.ZERO, p.height() + 1, nonces);
    BlockHeader h =
        new BlockHeader(
            p.height() + 1,
            parent,
            timestampMillis,
            proposer,
            MerkleTree.rootOfTransactions(included),
            after.stateRoot(),
            new byte[0]);
    return new Block(h, included);
  }

  @Override
  public ImportResult importBlock(Block block) {
    if (importsFail) {
      throw new UncheckedIOException(new IOException("ledger storage unavailable (injected)"));
    }
    if (blocks.containsKey(block.id())) {
      return ImportResult.ALREADY_KNOWN;
    }
    Block parent = blocks.get(block.parent());
    FakeState parentState = states.get(block.parent());
    if (parent == null || parentState == null) {
      return ImportResult.UNKNOWN_PARENT;
    }
    if (block.height() != parent.height() + 1) {
      return ImportResult.invalid("bad-height");
    }
    if (block.header().timestampMillis() < parent.header().timestampMillis()) {
      return ImportResult.invalid("timestamp-before-parent");
    }
    if (!block.hasConsistentTxRoot()) {
      return ImportResult.invalid("bad-tx-root");
    }
    if (signatureVerifier != null) {
      for (Transaction tx : block.transactions()) {
        if (!tx.hasValidSignature(signatureVerifier)) {
          return ImportResult.invalid("bad-signature");
        }
      }
    }
    TreeMap<PublicKey, Long> nonces = parentState.nonces();
    for (Transaction tx : block.transactions()) {
      nonces = FakeState.apply(nonces, tx);
      if (nonces == null) {
        return ImportResult.invalid("invalid-tx");
      }
    }
    FakeState state = new FakeState(block.id(), block.height(), nonces);
    if (!state.stateRoot().equals(block.header().stateRoot())) {
      return ImportResult.invalid("bad-state-root");
    }
    if (sealChecker != null) {
      SealVerdict verdict = sealChecker.checkSeal(block, parentState);
      if (!verdict.valid()) {
        return ImportResult.invalid("bad-seal: " + verdict.reason());
      }
    }
    blocks.put(block.id(), block);
    states.put(block.id(), state);
    return ImportResult.IMPORTED;
  }

  @Override
  public void setHead(Hash id) {
    Block target = blocks.get(id);
    if (target == null) {
      throw new IllegalArgumentException("unknown block " + id);
    }
    List<Block> path = new ArrayList<>();
    Block b = target;
    while (b.height() > finalized.height()) {
      path.add(b);
      b = blocks.get(b.parent());
      if (b == null) {
        throw new IllegalArgumentException("block does not descend from the finalized head");
      }
    }
    if (!b.id().equals(finalized.id())) {
      throw new IllegalArgumentException("block does not descend from the finalized head");
    }
    Map<Long, Hash> before = new HashMap<>(canonical.tailMap(finalized.height(), false));
    canonical.tailMap(finalized.height(), false).clear();
    for (int i = path.size() - 1; i >= 0; i--) {
      Block p = path.get(i);
      boolean wasCanonical = p.id().equals(before.get(p.height()));
      canonical.put(p.height(), p.id());
      if (!wasCanonical) {
        onCanonical.accept(p.transactions());
      }
    }
    head = target;
  }

  @Override
  public void markFinal(Hash id) {
    if (!isCanonical(id)) {
      throw new IllegalArgumentException("only canonical blocks can become final: " + id);
    }
    Block b = blocks.get(id);
    if (b.height() < finalized.height()) {
      throw new IllegalArgumentException("finality only moves forward");
    }
    for (long h = finalized.height() + 1; h <= b.height(); h++) {
      Hash hid = canonical.get(h);
      finalByHeight.put(h, hid);
      durableBlocks.put(hid, blocks.get(hid));
      durableStates.put(hid, states.get(hid));
    }
    finalized = b;
  }

  @Override
  public Optional<TxLocation> findTransaction(Hash txId) {
    for (Map.Entry<Long, Hash> e : canonical.entrySet()) {
      List<Transaction> txs = blocks.get(e.getValue()).transactions();
      for (int i = 0; i < txs.size(); i++) {
        if (txs.get(i).id().equals(txId)) {
          return Optional.of(
              new TxLocation(e.getValue(), e.getKey(), i, e.getKey() <= finalized.height()));
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public byte[] exportState(Hash id) {
    FakeState s = states.get(id);
    if (s == null) {
      throw new IllegalArgumentException("no state for " + id);
    }
    return s.export();
  }

  @Override
  public void installSnapshot(Block block, byte[] state) {
    TreeMap<PublicKey, Long> nonces = FakeState.decodeNonces(state);
    FakeState s = new FakeState(block.id(), block.height(), nonces);
    if (!s.stateRoot().equals(block.header().stateRoot())) {
      throw new IllegalArgumentException("state does not match the block's state root");
    }
    if (block.height() <= finalized.height()) {
      throw new IllegalArgumentException("snapshot does not extend beyond the finalized head");
    }
    blocks.clear();
    states.clear();
    canonical.clear();
    blocks.put(block.id(), block);
    states.put(block.id(), s);
    canonical.put(block.height(), block.id());
    durableBlocks.clear();
    durableStates.clear();
    durableBlocks.put(block.id(), block);
    durableStates.put(block.id(), s);
    finalByHeight.put(block.height(), block.id());
    head = block;
    finalized = block;
  }
}
