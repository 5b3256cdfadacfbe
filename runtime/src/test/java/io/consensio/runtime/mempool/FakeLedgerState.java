package io.consensio.runtime.mempool;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.Account;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.types.Hash;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** Balances and nonces only: all the mempool reads from the head state. */
final class FakeLedgerState implements LedgerState {
  final Map<PublicKey, Account> accounts = new HashMap<>();

  void set(PublicKey key, long balance, long nonce) {
    accounts.put(key, new Account(balance, nonce, 0, 0, 0));
  }

  @Override
  public Hash blockId() {
    return Hash.ZERO;
  }

  @Override
  public long height() {
    return 0;
  }

  @Override
  public Hash stateRoot() {
    return Hash.ZERO;
  }

  @Override
  public Account account(PublicKey owner) {
    return accounts.getOrDefault(owner, Account.EMPTY);
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
