package io.consensio.api.types;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.codec.DecodingException;
import java.util.List;

/**
 * A header and its ordered transactions. Immutable; the id is computed once. A decoded block is
 * only well-formed — whether it is valid (Merkle root, parent, state root, seal) is decided by the
 * ledger when it is imported.
 */
public final class Block {
  public static final int MAX_ENCODED_BYTES = 16 * 1024 * 1024;
  public static final int MAX_TRANSACTIONS = 100_000;

  private final BlockHeader header;
  private final List<Transaction> transactions;
  private final Hash id;

  /**
   * The Merkle root of {@link #transactions}, computed on first use: a replica checks it against
   * the header more than once per block (when the block arrives, when its rules are checked, when
   * the ledger imports it). Racing threads compute the same immutable value.
   */
  private volatile Hash transactionsRoot;

  public Block(BlockHeader header, List<Transaction> transactions) {
    this.header = header;
    this.transactions = List.copyOf(transactions);
    this.id = header.id();
  }

  public BlockHeader header() {
    return header;
  }

  public List<Transaction> transactions() {
    return transactions;
  }

  public Hash id() {
    return id;
  }

  public long height() {
    return header.height();
  }

  public Hash parent() {
    return header.parent();
  }

  public Block withSeal(byte[] seal) {
    Block sealed = new Block(header.withSeal(seal), transactions);
    sealed.transactionsRoot = transactionsRoot; // same transactions, same root
    return sealed;
  }

  /** True when the header's txRoot matches the transactions actually carried. */
  public boolean hasConsistentTxRoot() {
    Hash root = transactionsRoot;
    if (root == null) {
      root = MerkleTree.rootOfTransactions(transactions);
      transactionsRoot = root;
    }
    return header.txRoot().equals(root);
  }

  public void write(CanonicalWriter w) {
    header.write(w);
    w.writeList(transactions, (writer, tx) -> tx.write(writer));
  }

  /** The canonical encoding, written into a buffer of exactly its size (no growing, no copy). */
  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(encodedSize());
    write(w);
    return w.toByteArray();
  }

  /** Size of {@link #encode()}'s result in bytes. */
  public int encodedSize() {
    int size = header.encodedSize() + Integer.BYTES;
    for (Transaction tx : transactions) {
      size += tx.encodedSize();
    }
    return size;
  }

  public static Block read(CanonicalReader r) {
    BlockHeader header = BlockHeader.read(r);
    List<Transaction> txs = r.readList(MAX_TRANSACTIONS, Transaction::read);
    return new Block(header, txs);
  }

  /** Decodes exactly one block; rejects oversized, truncated or trailing input. */
  public static Block decode(byte[] bytes) {
    if (bytes.length > MAX_ENCODED_BYTES) {
      throw new DecodingException(
          "block of " + bytes.length + " bytes exceeds " + MAX_ENCODED_BYTES);
    }
    CanonicalReader r = new CanonicalReader(bytes);
    Block block = read(r);
    r.finish();
    return block;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Block b && id.equals(b.id) && header.equals(b.header);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "Block[#" + header.height() + " " + id.shortHex() + " txs=" + transactions.size() + "]";
  }
}
