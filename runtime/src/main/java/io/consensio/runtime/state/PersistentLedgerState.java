package io.consensio.runtime.state;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.Account;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.types.Hash;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The ledger state after one block, built on persistent (structure-sharing) maps from pcollections:
 * a block's state costs only the entries its transactions changed, so every block in the tree can
 * keep its own snapshot and a reorg is just a switch to another snapshot — nothing is undone.
 *
 * <p>The state root is an {@link LtHash} over all entries, kept up to date entry by entry as the
 * state is edited (see {@link LtHash} for why a homomorphic set hash rather than a Merkle tree: we
 * need a cheap incremental commitment, not membership proofs). It also commits to the chain id, so
 * two chains with the same balances never share a state root, nor therefore a genesis id.
 *
 * <p>Immutable and thread-safe. Build new states with {@link #edit()}; {@link #relabel} gives the
 * same contents a block id once that id is known (the id depends on the root, not vice versa).
 */
public final class PersistentLedgerState implements LedgerState {
  private final String chainId;
  private final Hash blockId;
  private final long height;
  private final StateMaps maps;
  private final LtHash hash;
  private final Hash stateRoot;

  PersistentLedgerState(String chainId, Hash blockId, long height, StateMaps maps, LtHash hash) {
    this.chainId = Objects.requireNonNull(chainId);
    this.blockId = Objects.requireNonNull(blockId);
    this.height = height;
    this.maps = maps;
    this.hash = hash;
    this.stateRoot = hash.digest();
  }

  private PersistentLedgerState(PersistentLedgerState contents, Hash blockId, long height) {
    this.chainId = contents.chainId;
    this.blockId = Objects.requireNonNull(blockId);
    this.height = height;
    this.maps = contents.maps;
    this.hash = contents.hash;
    this.stateRoot = contents.stateRoot;
  }

  /** The state with nothing in it but the chain id, labelled as before genesis. */
  public static PersistentLedgerState empty(String chainId) {
    LtHash hash = LtHash.empty();
    hash.add(StateEntries.chain(chainId));
    return new PersistentLedgerState(chainId, Hash.ZERO, 0, StateMaps.EMPTY, hash);
  }

  /** A mutable editor starting from this state; this state itself never changes. */
  public StateEditor edit() {
    return new StateEditor(this);
  }

  /** The same contents, labelled as the state after block {@code newBlockId}. */
  public PersistentLedgerState relabel(Hash newBlockId, long newHeight) {
    return new PersistentLedgerState(this, newBlockId, newHeight);
  }

  public String chainId() {
    return chainId;
  }

  StateMaps maps() {
    return maps;
  }

  LtHash hash() {
    return hash;
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
    return stateRoot;
  }

  @Override
  public Account account(PublicKey owner) {
    return maps.accounts().getOrDefault(owner, Account.EMPTY);
  }

  @Override
  public Optional<byte[]> value(PublicKey owner, byte[] key) {
    byte[] value = maps.values().get(new KvKey(owner, key));
    return value == null ? Optional.empty() : Optional.of(value.clone());
  }

  /** Every account that is not empty, by public key. */
  public SortedMap<PublicKey, Account> accounts() {
    return maps.accounts();
  }

  @Override
  public SortedMap<PublicKey, Long> stakes() {
    return maps.stakes();
  }

  @Override
  public long totalStake() {
    return maps.totalStake();
  }

  @Override
  public SortedMap<PublicKey, Long> candidates() {
    return maps.candidates();
  }

  @Override
  public SortedMap<PublicKey, List<PublicKey>> votes() {
    return maps.votes();
  }

  @Override
  public SortedMap<PublicKey, Long> slashed() {
    return maps.slashed();
  }

  @Override
  public boolean isSlashed(PublicKey key) {
    return maps.slashed().containsKey(key);
  }

  @Override
  public String toString() {
    return "State[#" + height + " " + blockId.shortHex() + " root=" + stateRoot.shortHex() + "]";
  }
}
