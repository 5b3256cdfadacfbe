package io.consensio.raft.harness;

import io.consensio.api.codec.CanonicalReader;
import io.consensio.api.codec.CanonicalWriter;
import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.Account;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.types.Hash;
import io.consensio.api.types.Transaction;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A minimal ledger state: each account's nonce, so a transaction executes at most once and in
 * order. The state root commits to every nonce, so two nodes with equal roots executed the same
 * transactions.
 */
public final class FakeState implements LedgerState {
  private final Hash blockId;
  private final long height;
  private final TreeMap<PublicKey, Long> nonces;
  private final Hash root;

  FakeState(Hash blockId, long height, TreeMap<PublicKey, Long> nonces) {
    this.blockId = blockId;
    this.height = height;
    this.nonces = nonces;
    this.root = Hash.sha256(encodeNonces(nonces));
  }

  /** Executes {@code tx} if its nonce is next; the new nonces, or null when invalid. */
  static TreeMap<PublicKey, Long> apply(TreeMap<PublicKey, Long> nonces, Transaction tx) {
    long expected = nonces.getOrDefault(tx.sender(), 0L);
    if (tx.nonce() != expected) {
      return null;
    }
    TreeMap<PublicKey, Long> next = new TreeMap<>(nonces);
    next.put(tx.sender(), expected + 1);
    return next;
  }

  TreeMap<PublicKey, Long> nonces() {
    return new TreeMap<>(nonces);
  }

  static byte[] encodeNonces(TreeMap<PublicKey, Long> nonces) {
    CanonicalWriter w = new CanonicalWriter();
    w.writeList(
        nonces.entrySet(),
        (writer, e) -> {
          e.getKey().write(writer);
          writer.writeLong(e.getValue());
        });
    return w.toByteArray();
  }

  static TreeMap<PublicKey, Long> decodeNonces(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    TreeMap<PublicKey, Long> nonces = new TreeMap<>();
    r.readList(1_000_000, in -> nonces.put(PublicKey.read(in), in.readLong()));
    r.finish();
    return nonces;
  }

  byte[] export() {
    return encodeNonces(nonces);
  }

  @Override
  public Hash blockId() {
    return blockId;
  }

  @Override
  public long height() {
    return height;
  }

  @Override
  public Hash stateRoot() {
    return root;
  }

  @Override
  public Account account(PublicKey owner) {
    return new Account(0, nonces.getOrDefault(owner, 0L), 0, 0, 0);
  }

  @Override
  public Optional<byte[]> value(PublicKey owner, byte[] key) {
    return Optional.empty();
  }

  @Override
  public SortedMap<PublicKey, Long> stakes() {
    return Collections.emptySortedMap();
  }

  @Override
  public long totalStake() {
    return 0;
  }

  @Override
  public SortedMap<PublicKey, Long> candidates() {
    return Collections.emptySortedMap();
  }

  @Override
  public SortedMap<PublicKey, List<PublicKey>> votes() {
    return Collections.emptySortedMap();
  }
}
