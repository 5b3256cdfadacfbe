package io.consensio.sim.check;

import io.consensio.api.crypto.Ed25519KeyPair;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.Account;
import io.consensio.api.ledger.ChainStore;
import io.consensio.api.ledger.ImportResult;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.ledger.TxLocation;
import io.consensio.api.types.Block;
import io.consensio.api.types.BlockHeader;
import io.consensio.api.types.Hash;
import io.consensio.api.types.MerkleTree;
import io.consensio.api.types.Transaction;
import io.consensio.api.types.TxPayload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A small in-memory ChainStore for checker tests: a block tree, a canonical chain (list index =
 * height) and a finalized height, with knobs to break it on purpose. The checkers must only read a
 * chain, so the mutating ChainStore methods fail the test if called.
 */
public final class FakeChain implements ChainStore {
  public static final Ed25519KeyPair PROPOSER = Ed25519KeyPair.fromSeed(new byte[32]);
  public static final Ed25519KeyPair CLIENT = Ed25519KeyPair.fromSeed(filled(7));

  private final Map<Hash, Block> blocks = new HashMap<>();
  private final List<Block> canonical = new ArrayList<>();
  private final Map<Hash, Hash> computedRoots = new HashMap<>();
  private final Set<Hash> unindexedTxs = new HashSet<>();
  private int finalizedHeight;

  public FakeChain() {
    add(block(null, List.of(), "genesis"));
  }

  /** A restarted node: same blocks and finality, new instance. */
  public FakeChain(FakeChain original) {
    blocks.putAll(original.blocks);
    canonical.addAll(original.canonical);
    computedRoots.putAll(original.computedRoots);
    finalizedHeight = original.finalizedHeight;
  }

  private static byte[] filled(int value) {
    byte[] seed = new byte[32];
    java.util.Arrays.fill(seed, (byte) value);
    return seed;
  }

  public static Transaction transfer(long nonce) {
    return Transaction.sign(CLIENT, nonce, 1, new TxPayload.Transfer(PROPOSER.publicKey(), 5));
  }

  public static Transaction kvPut(long nonce, String key) {
    return Transaction.sign(
        CLIENT,
        nonce,
        1,
        new TxPayload.KvPut(key.getBytes(StandardCharsets.UTF_8), new byte[] {1}));
  }

  /** A block on {@code parent} (null for genesis); {@code salt} makes competing blocks differ. */
  public static Block block(Block parent, List<Transaction> txs, String salt) {
    long height = parent == null ? 0 : parent.height() + 1;
    Hash stateRoot = Hash.sha256(("state/" + height + "/" + salt).getBytes(StandardCharsets.UTF_8));
    BlockHeader header =
        new BlockHeader(
            height,
            parent == null ? Hash.ZERO : parent.id(),
            height * 1000,
            PROPOSER.publicKey(),
            MerkleTree.rootOfTransactions(txs),
            stateRoot,
            new byte[0]);
    return new Block(header, txs);
  }

  /** Appends a block to the canonical chain. */
  public Block extend(List<Transaction> txs, String salt) {
    return add(block(head(), txs, salt));
  }

  public Block extend(Transaction... txs) {
    return extend(List.of(txs), "main");
  }

  public Block add(Block block) {
    blocks.put(block.id(), block);
    canonical.add(block);
    return block;
  }

  /** Drops canonical blocks above {@code height} (they stay in the tree), ignoring finality. */
  public void rewindTo(long height) {
    while (canonical.size() > height + 1) {
      canonical.remove(canonical.size() - 1);
    }
    finalizedHeight = Math.min(finalizedHeight, (int) height);
  }

  public void finalizeTo(long height) {
    finalizedHeight = (int) height;
  }

  /** Makes the node's executed state after {@code id} differ from what the header claims. */
  public void corruptComputedRoot(Hash id) {
    computedRoots.put(id, Hash.sha256("corrupt".getBytes(StandardCharsets.UTF_8)));
  }

  /** Makes findTransaction miss {@code txId}, as a ledger that lost its index would. */
  public void loseIndexOf(Hash txId) {
    unindexedTxs.add(txId);
  }

  @Override
  public Block genesis() {
    return canonical.get(0);
  }

  @Override
  public Block head() {
    return canonical.get(canonical.size() - 1);
  }

  @Override
  public Block finalizedHead() {
    return canonical.get(finalizedHeight);
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
    return height < canonical.size() ? Optional.of(canonical.get((int) height)) : Optional.empty();
  }

  @Override
  public boolean isCanonical(Hash id) {
    Block block = blocks.get(id);
    return block != null
        && block.height() < canonical.size()
        && canonical.get((int) block.height()).id().equals(id);
  }

  @Override
  public Optional<LedgerState> stateAt(Hash id) {
    Block block = blocks.get(id);
    if (block == null) {
      return Optional.empty();
    }
    Hash root = computedRoots.getOrDefault(id, block.header().stateRoot());
    return Optional.of(new FakeState(id, block.height(), root));
  }

  @Override
  public LedgerState headState() {
    return stateAt(head().id()).orElseThrow();
  }

  @Override
  public Optional<TxLocation> findTransaction(Hash txId) {
    if (unindexedTxs.contains(txId)) {
      return Optional.empty();
    }
    for (Block block : canonical) {
      List<Transaction> txs = block.transactions();
      for (int i = 0; i < txs.size(); i++) {
        if (txs.get(i).id().equals(txId)) {
          return Optional.of(
              new TxLocation(block.id(), block.height(), i, block.height() <= finalizedHeight));
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public Block buildBlock(
      Hash parent, List<Transaction> candidates, long timestampMillis, PublicKey proposer) {
    throw new AssertionError("invariant checkers must only read the chain");
  }

  @Override
  public ImportResult importBlock(Block block) {
    throw new AssertionError("invariant checkers must only read the chain");
  }

  @Override
  public void setHead(Hash id) {
    throw new AssertionError("invariant checkers must only read the chain");
  }

  @Override
  public void markFinal(Hash id) {
    throw new AssertionError("invariant checkers must only read the chain");
  }

  @Override
  public byte[] exportState(Hash id) {
    throw new AssertionError("invariant checkers must only read the chain");
  }

  @Override
  public void installSnapshot(Block block, byte[] state) {
    throw new AssertionError("invariant checkers must only read the chain");
  }

  /** A state that holds no accounts; only its identity and root matter to the checkers. */
  private record FakeState(Hash blockId, long height, Hash stateRoot) implements LedgerState {
    @Override
    public Account account(PublicKey owner) {
      return Account.EMPTY;
    }

    @Override
    public Optional<byte[]> value(PublicKey owner, byte[] key) {
      return Optional.empty();
    }

    @Override
    public SortedMap<PublicKey, Long> stakes() {
      return new TreeMap<>();
    }

    @Override
    public long totalStake() {
      return 0;
    }

    @Override
    public SortedMap<PublicKey, Long> candidates() {
      return new TreeMap<>();
    }

    @Override
    public SortedMap<PublicKey, List<PublicKey>> votes() {
      return new TreeMap<>();
    }
  }
}
