package io.consensio.runtime.ledger;

import io.consensio.api.codec.DecodingException;
import io.consensio.api.services.DurableStore;
import io.consensio.api.types.Block;
import io.consensio.api.types.Hash;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The ledger's key layout in its {@link DurableStore}:
 *
 * <ul>
 *   <li>{@code b/<id>} → encoded block, for every imported block above the base;
 *   <li>{@code c/<height, 8 bytes big-endian>} → id of the canonical block at that height;
 *   <li>{@code t/<transaction id>} → height (8 bytes) and position (4 bytes) of the transaction in
 *       the canonical chain, so a node finds old transactions without holding the chain in memory;
 *   <li>{@code m/genesis}, {@code m/head}, {@code m/final} → block ids;
 *   <li>{@code m/snapshot}, {@code m/snapshot-state} → an installed snapshot's block and state.
 * </ul>
 *
 * Writes become durable at the next {@link DurableStore#sync()}, which {@link #markFinal} and
 * {@link #installSnapshot} issue before returning. Head changes and snapshot installs are single
 * atomic batches, so a crash never leaves a half-moved head. Not thread-safe.
 */
final class ChainPersistence {
  private static final byte[] BLOCK_PREFIX = ascii("b/");
  private static final byte[] CANONICAL_PREFIX = ascii("c/");
  private static final byte[] TX_PREFIX = ascii("t/");
  private static final byte[] GENESIS = ascii("m/genesis");
  private static final byte[] HEAD = ascii("m/head");
  private static final byte[] FINAL = ascii("m/final");
  private static final byte[] SNAPSHOT_BLOCK = ascii("m/snapshot");
  private static final byte[] SNAPSHOT_STATE = ascii("m/snapshot-state");

  private final DurableStore store;

  ChainPersistence(DurableStore store) {
    this.store = store;
  }

  Optional<Hash> genesisId() {
    return store.get(GENESIS).map(Hash::wrap);
  }

  /** Claims an empty store for the chain starting at {@code genesisId}. */
  void initialize(Hash genesisId) {
    store.put(GENESIS, genesisId.toBytes());
    store.sync();
  }

  void putBlock(Block block) {
    store.put(blockKey(block.id()), block.encode());
  }

  /** The stored block with id {@code id}, if it was ever imported (above the base). */
  Optional<Block> block(Hash id) {
    return store.get(blockKey(id)).map(ChainPersistence::decodeStored);
  }

  /** The canonical block at {@code height}, as of the last head move. */
  Optional<Block> canonicalBlock(long height) {
    return store.get(canonicalKey(height)).map(Hash::wrap).flatMap(this::block);
  }

  /** Where a canonical transaction sits, as of the last head move. */
  Optional<CanonicalChain.TxSlot> transactionSlot(Hash txId) {
    return store
        .get(txKey(txId))
        .flatMap(
            value -> {
              ByteBuffer slot = ByteBuffer.wrap(value);
              long height = slot.getLong();
              int index = slot.getInt();
              return store
                  .get(canonicalKey(height))
                  .map(id -> new CanonicalChain.TxSlot(Hash.wrap(id), height, index));
            });
  }

  /**
   * Records a head move: canonical entries above the fork point that the new branch does not reach
   * are deleted, the new branch's are written, the transaction index follows (the reverted blocks'
   * transactions out, the applied blocks' in: a transaction on both branches ends up at its new
   * place, the batch applying in order) and the head marker moves — in one batch.
   */
  void moveHead(long oldHeadHeight, List<Block> reverted, List<Block> applied, Block newHead) {
    Map<byte[], byte[]> batch = new LinkedHashMap<>();
    for (long h = newHead.height() + 1; h <= oldHeadHeight; h++) {
      batch.put(canonicalKey(h), null);
    }
    for (Block block : reverted) {
      for (var tx : block.transactions()) {
        batch.put(txKey(tx.id()), null);
      }
    }
    for (Block block : applied) {
      batch.put(canonicalKey(block.height()), block.id().toBytes());
      var txs = block.transactions();
      for (int i = 0; i < txs.size(); i++) {
        batch.put(
            txKey(txs.get(i).id()),
            ByteBuffer.allocate(12).putLong(block.height()).putInt(i).array());
      }
    }
    batch.put(HEAD, newHead.id().toBytes());
    store.writeBatch(batch);
  }

  void markFinal(Hash id) {
    store.put(FINAL, id.toBytes());
    store.sync();
  }

  /**
   * Replaces every block and marker with {@code block} as base, head and final block, in one batch
   * so that a crash leaves either the old ledger or the new one.
   */
  void installSnapshot(Block block, byte[] state) {
    Map<byte[], byte[]> batch = new LinkedHashMap<>();
    store.scan(BLOCK_PREFIX, (key, value) -> batch.put(key, null));
    store.scan(CANONICAL_PREFIX, (key, value) -> batch.put(key, null));
    store.scan(TX_PREFIX, (key, value) -> batch.put(key, null));
    batch.put(SNAPSHOT_BLOCK, block.encode());
    batch.put(SNAPSHOT_STATE, state);
    batch.put(canonicalKey(block.height()), block.id().toBytes());
    batch.put(HEAD, block.id().toBytes());
    batch.put(FINAL, block.id().toBytes());
    store.writeBatch(batch);
    store.sync();
  }

  Optional<Hash> head() {
    return store.get(HEAD).map(Hash::wrap);
  }

  Optional<Hash> finalized() {
    return store.get(FINAL).map(Hash::wrap);
  }

  Optional<Block> snapshotBlock() {
    return store.get(SNAPSHOT_BLOCK).map(ChainPersistence::decodeStored);
  }

  Optional<byte[]> snapshotState() {
    return store.get(SNAPSHOT_STATE);
  }

  /** Every stored block, lowest height first (parents before children). */
  List<Block> blocksByHeight() {
    List<Block> blocks = new ArrayList<>();
    store.scan(BLOCK_PREFIX, (key, value) -> blocks.add(decodeStored(value)));
    blocks.sort((a, b) -> Long.compare(a.height(), b.height()));
    return blocks;
  }

  /** The stored canonical index: height → block id. */
  TreeMap<Long, Hash> canonicalIndex() {
    TreeMap<Long, Hash> index = new TreeMap<>();
    store.scan(
        CANONICAL_PREFIX,
        (key, value) ->
            index.put(
                ByteBuffer.wrap(key, CANONICAL_PREFIX.length, 8).getLong(), Hash.wrap(value)));
    return index;
  }

  private static Block decodeStored(byte[] bytes) {
    try {
      return Block.decode(bytes);
    } catch (DecodingException e) {
      throw new IllegalStateException("ledger store holds a corrupt block: " + e.getMessage(), e);
    }
  }

  private static byte[] blockKey(Hash id) {
    return ByteBuffer.allocate(BLOCK_PREFIX.length + Hash.SIZE)
        .put(BLOCK_PREFIX)
        .put(id.toBytes())
        .array();
  }

  private static byte[] txKey(Hash txId) {
    return ByteBuffer.allocate(TX_PREFIX.length + Hash.SIZE)
        .put(TX_PREFIX)
        .put(txId.toBytes())
        .array();
  }

  private static byte[] canonicalKey(long height) {
    return ByteBuffer.allocate(CANONICAL_PREFIX.length + 8)
        .put(CANONICAL_PREFIX)
        .putLong(height)
        .array();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
