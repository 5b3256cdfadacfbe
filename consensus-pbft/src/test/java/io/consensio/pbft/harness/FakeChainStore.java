package io.consensio.pbft.harness;

import io.consensio.api.SealVerdict;
import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * A small but faithful ledger for engine tests: a block tree with per-block state, imports checked
 * like the real ledger (parent, height, increasing timestamp, Merkle root, every transaction's
 * signature and nonce in sequence, state root, then the engine's seal), a head that must descend
 * from the finalized block, and finality that only moves forward. The state is each account's
 * nonce; the state root is a hash chain over executed transaction ids.
 */
public final class FakeChainStore implements ChainStore {
  private final Verifier verifier;
  private final Map<Hash, Block> blocks = new HashMap<>();
  private final Map<Hash, FakeLedgerState> states = new HashMap<>();
  private final FakeMempool mempool;
  private Block genesis;
  private Block head;
  private Block finalized;
  private BiFunction<Block, LedgerState, SealVerdict> sealChecker = (b, s) -> SealVerdict.VALID;

  public FakeChainStore(PublicKey genesisProposer, FakeMempool mempool, Verifier verifier) {
    this.verifier = verifier;
    this.mempool = mempool;
    Hash root = Hash.sha256("genesis-state".getBytes());
    genesis =
        new Block(
            new BlockHeader(
                0, Hash.ZERO, 0, genesisProposer, MerkleTree.EMPTY_ROOT, root, new byte[0]),
            List.of());
    blocks.put(genesis.id(), genesis);
    states.put(genesis.id(), new FakeLedgerState(0, genesis.id(), root, Map.of()));
    head = genesis;
    finalized = genesis;
  }

  public void setSealChecker(BiFunction<Block, LedgerState, SealVerdict> checker) {
    this.sealChecker = checker;
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
    Block b = head;
    while (b != null && b.height() > height) {
      b = blocks.get(b.parent());
    }
    return b != null && b.height() == height ? Optional.of(b) : Optional.empty();
  }

  @Override
  public boolean isCanonical(Hash id) {
    Block b = blocks.get(id);
    return b != null && canonicalAt(b.height()).map(c -> c.id().equals(id)).orElse(false);
  }

  @Override
  public Optional<LedgerState> stateAt(Hash id) {
    return Optional.ofNullable(states.get(id));
  }

  @Override
  public LedgerState headState() {
    return states.get(head.id());
  }

  /**
   * Executes what is valid of {@code txs} on {@code parent}; returns the executed and the state.
   */
  private FakeLedgerState execute(
      FakeLedgerState parent, Hash blockId, List<Transaction> txs, List<Transaction> executed) {
    Map<PublicKey, Long> nonces = new TreeMap<>(parent.nonces());
    Hash root = parent.stateRoot();
    for (Transaction tx : txs) {
      if (tx.hasValidSignature(verifier) && tx.nonce() == nonces.getOrDefault(tx.sender(), 0L)) {
        nonces.put(tx.sender(), tx.nonce() + 1);
        root = Hash.sha256(root.toBytes(), tx.id().toBytes());
        executed.add(tx);
      }
    }
    return new FakeLedgerState(parent.height() + 1, blockId, root, nonces);
  }

  @Override
  public Block buildBlock(
      Hash parent, List<Transaction> candidates, long timestampMillis, PublicKey proposer) {
    FakeLedgerState parentState = states.get(parent);
    if (parentState == null) {
      throw new IllegalArgumentException("unknown parent " + parent);
    }
    List<Transaction> executed = new ArrayList<>();
    FakeLedgerState after = execute(parentState, Hash.ZERO, candidates, executed);
    BlockHeader header =
        new BlockHeader(
            parentState.height() + 1,
            parent,
            timestampMillis,
            proposer,
            MerkleTree.rootOfTransactions(executed),
            after.stateRoot(),
            new byte[0]);
    return new Block(header, executed);
  }

  @Override
  public ImportResult importBlock(Block block) {
    if (blocks.containsKey(block.id())) {
      return ImportResult.ALREADY_KNOWN;
    }
    Block parent = blocks.get(block.parent());
    if (parent == null) {
      return ImportResult.UNKNOWN_PARENT;
    }
    if (block.height() != parent.height() + 1) {
      return ImportResult.invalid("bad-height");
    }
    if (block.header().timestampMillis() <= parent.header().timestampMillis()) {
      return ImportResult.invalid("bad-timestamp");
    }
    if (!block.hasConsistentTxRoot()) {
      return ImportResult.invalid("bad-tx-root");
    }
    List<Transaction> executed = new ArrayList<>();
    FakeLedgerState after =
        execute(states.get(parent.id()), block.id(), block.transactions(), executed);
    if (executed.size() != block.transactions().size()) {
      return ImportResult.invalid("invalid-tx");
    }
    if (!after.stateRoot().equals(block.header().stateRoot())) {
      return ImportResult.invalid("bad-state-root");
    }
    SealVerdict seal = sealChecker.apply(block, states.get(parent.id()));
    if (!seal.valid()) {
      return ImportResult.invalid("bad-seal: " + seal.reason());
    }
    blocks.put(block.id(), block);
    states.put(block.id(), after);
    return ImportResult.IMPORTED;
  }

  @Override
  public void setHead(Hash id) {
    Block target = blocks.get(id);
    if (target == null) {
      throw new IllegalArgumentException("unknown block " + id);
    }
    Block b = target;
    while (b.height() > finalized.height()) {
      b = blocks.get(b.parent());
    }
    if (!b.id().equals(finalized.id())) {
      throw new IllegalArgumentException("block does not descend from the finalized head");
    }
    Block oldHead = head;
    head = target;
    for (Block c = target; c.height() > 0 && !c.id().equals(oldHead.id()); ) {
      mempool.removeIncluded(c.transactions());
      c = blocks.get(c.parent());
      if (c == null) {
        break;
      }
    }
  }

  @Override
  public void markFinal(Hash id) {
    if (!isCanonical(id)) {
      throw new IllegalArgumentException("only canonical blocks become final");
    }
    Block b = blocks.get(id);
    if (b.height() > finalized.height()) {
      finalized = b;
    }
  }

  @Override
  public Optional<TxLocation> findTransaction(Hash txId) {
    for (Block b = head; b != null && b.height() > 0; b = blocks.get(b.parent())) {
      List<Transaction> txs = b.transactions();
      for (int i = 0; i < txs.size(); i++) {
        if (txs.get(i).id().equals(txId)) {
          return Optional.of(
              new TxLocation(b.id(), b.height(), i, b.height() <= finalized.height()));
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public byte[] exportState(Hash id) {
    FakeLedgerState s = states.get(id);
    CanonicalWriter w = new CanonicalWriter();
    s.stateRoot().write(w);
    w.writeList(
        new ArrayList<>(s.nonces().entrySet()),
        (writer, e) -> {
          e.getKey().write(writer);
          writer.writeLong(e.getValue());
        });
    return w.toByteArray();
  }

  @Override
  public void installSnapshot(Block block, byte[] state) {
    CanonicalReader r = new CanonicalReader(state);
    Hash root = Hash.read(r);
    Map<PublicKey, Long> nonces = new TreeMap<>();
    for (var e : r.readList(1 << 20, x -> Map.entry(PublicKey.read(x), x.readLong()))) {
      nonces.put(e.getKey(), e.getValue());
    }
    r.finish();
    if (!root.equals(block.header().stateRoot()) || block.height() <= finalized.height()) {
      throw new IllegalArgumentException("snapshot does not match the block or is not ahead");
    }
    blocks.put(block.id(), block);
    states.put(block.id(), new FakeLedgerState(block.height(), block.id(), root, nonces));
    head = block;
    finalized = block;
  }

  /** The final chain from height 1 up, for assertions. */
  public List<Block> finalChain() {
    List<Block> chain = new ArrayList<>();
    for (Block b = finalized; b.height() > 0; b = blocks.get(b.parent())) {
      chain.add(0, b);
    }
    return chain;
  }
}
