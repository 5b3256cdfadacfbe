package io.consensio.pos;

import io.consensio.api.crypto.PublicKey;
import io.consensio.api.ledger.Account;
import io.consensio.api.ledger.LedgerState;
import io.consensio.api.types.Hash;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A ledger state for unit tests of PoS rules that read only accounts, stakes, one key/value entry
 * per account and the slashed set; everything else is empty. Stakes come from the accounts.
 */
public final class FixedLedgerState implements LedgerState {
  private final long height;
  private final Map<PublicKey, Account> accounts;
  private final SortedMap<PublicKey, Long> stakes = new TreeMap<>();
  private final byte[] valueKey;
  private final Map<PublicKey, byte[]> values;
  private final SortedMap<PublicKey, Long> slashed = new TreeMap<>();

  private FixedLedgerState(
      long height,
      Map<PublicKey, Account> accounts,
      byte[] valueKey,
      Map<PublicKey, byte[]> values,
      Set<PublicKey> slashed) {
    this.height = height;
    this.accounts = Map.copyOf(accounts);
    accounts.forEach(
        (key, account) -> {
          if (account.stake() > 0) {
            stakes.put(key, account.stake());
          }
        });
    this.valueKey = valueKey.clone();
    this.values = new HashMap<>(values);
    slashed.forEach(key -> this.slashed.put(key, 1L));
  }

  /** Accounts as given, at {@code height}. */
  public static FixedLedgerState of(long height, Map<PublicKey, Account> accounts) {
    return new FixedLedgerState(height, accounts, new byte[0], Map.of(), Set.of());
  }

  /** Each validator with {@code balance} and {@code stake}, the {@code slashed} ones slashed. */
  public static FixedLedgerState staking(
      long balance, long stake, Set<PublicKey> slashed, PublicKey... validators) {
    Map<PublicKey, Account> accounts = new HashMap<>();
    for (PublicKey validator : validators) {
      accounts.put(validator, new Account(balance, 0, stake, 0, 0));
    }
    return new FixedLedgerState(0, accounts, new byte[0], Map.of(), slashed);
  }

  /** This state with {@code values} written under {@code key} by their accounts. */
  public FixedLedgerState withValues(byte[] key, Map<PublicKey, byte[]> written) {
    return new FixedLedgerState(height, accounts, key, written, slashed.keySet());
  }

  @Override
  public Hash blockId() {
    return Hash.ZERO;
  }

  @Override
  public long height() {
    return height;
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
    return Arrays.equals(key, valueKey)
        ? Optional.ofNullable(values.get(owner)).map(byte[]::clone)
        : Optional.empty();
  }

  @Override
  public SortedMap<PublicKey, Long> stakes() {
    return Collections.unmodifiableSortedMap(stakes);
  }

  @Override
  public long totalStake() {
    return stakes.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public SortedMap<PublicKey, Long> candidates() {
    return Collections.emptySortedMap();
  }

  @Override
  public SortedMap<PublicKey, List<PublicKey>> votes() {
    return Collections.emptySortedMap();
  }

  @Override
  public SortedMap<PublicKey, Long> slashed() {
    return Collections.unmodifiableSortedMap(slashed);
  }
}
