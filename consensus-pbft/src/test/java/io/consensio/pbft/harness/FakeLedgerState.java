package io.consensio.pbft.harness;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.Account;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.types.Hash;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The test ledger's state: each account's nonce, committed to by a hash chain of transactions. */
public record FakeLedgerState(
    long height, Hash blockId, Hash stateRoot, Map<PublicKey, Long> nonces) implements LedgerState {
  public FakeLedgerState {
    nonces = Collections.unmodifiableMap(new TreeMap<>(nonces));
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
