package io.consensio.api.ledger;

/**
 * An account's ledger entry.
 *
 * @param balance spendable funds
 * @param nonce number of transactions the account has executed; the next must carry this nonce
 * @param stake funds locked as proof-of-stake validator stake
 * @param unbonding funds leaving stake, spendable once {@code unbondingReleaseHeight} is reached
 * @param unbondingReleaseHeight height at which {@code unbonding} returns to the balance
 */
public record Account(
    long balance, long nonce, long stake, long unbonding, long unbondingReleaseHeight) {
  public static final Account EMPTY = new Account(0, 0, 0, 0, 0);

  public boolean isEmpty() {
    return equals(EMPTY);
  }
}
