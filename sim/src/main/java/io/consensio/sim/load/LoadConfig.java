package io.consensio.sim.load;

/**
 * What load the simulated clients put on the cluster.
 *
 * @param clients number of client accounts (at least 2, so transfers have somewhere to go)
 * @param txPerSecond mean rate of new transactions over all clients (Poisson arrivals)
 * @param initialBalance genesis balance of each client account
 * @param kvPutFraction share of transactions that are key/value writes; the rest are transfers
 * @param maxTransferAmount transfers move 1..this amount to another client
 * @param fee fee each transaction offers
 * @param maxPendingPerClient a client waits once this many of its transactions are not yet final,
 *     like a real wallet with a bounded window of outstanding nonces
 * @param resubmitAfterMicros a transaction not seen final this long after its last submission is
 *     submitted again (same bytes, same id), so one lost to a crash or partition does not block its
 *     sender's later nonces forever
 */
public record LoadConfig(
    int clients,
    double txPerSecond,
    long initialBalance,
    double kvPutFraction,
    long maxTransferAmount,
    long fee,
    int maxPendingPerClient,
    long resubmitAfterMicros) {

  public LoadConfig {
    if (clients < 2) {
      throw new IllegalArgumentException("need at least 2 clients, got " + clients);
    }
    if (!(txPerSecond > 0) || Double.isInfinite(txPerSecond)) {
      throw new IllegalArgumentException("txPerSecond must be positive, got " + txPerSecond);
    }
    if (!(kvPutFraction >= 0 && kvPutFraction <= 1)) {
      throw new IllegalArgumentException("kvPutFraction must be in [0, 1], got " + kvPutFraction);
    }
    if (maxTransferAmount < 1 || fee < 0 || maxPendingPerClient < 1 || resubmitAfterMicros < 1) {
      throw new IllegalArgumentException(
          "maxTransferAmount, maxPendingPerClient and resubmitAfterMicros must be positive and"
              + " fee not negative");
    }
    if (initialBalance < 0) {
      throw new IllegalArgumentException("initialBalance must not be negative");
    }
  }

  /**
   * 10 clients, 100 tx/s, a fifth of them key/value writes, balances that never run out, 8
   * outstanding transactions per client, resubmission after 5 s.
   */
  public static LoadConfig defaults() {
    return new LoadConfig(10, 100, 1_000_000_000_000L, 0.2, 100, 1, 8, 5_000_000);
  }

  public LoadConfig withClients(int count) {
    return new LoadConfig(
        count,
        txPerSecond,
        initialBalance,
        kvPutFraction,
        maxTransferAmount,
        fee,
        maxPendingPerClient,
        resubmitAfterMicros);
  }

  public LoadConfig withRate(double perSecond) {
    return new LoadConfig(
        clients,
        perSecond,
        initialBalance,
        kvPutFraction,
        maxTransferAmount,
        fee,
        maxPendingPerClient,
        resubmitAfterMicros);
  }

  public LoadConfig withMaxPendingPerClient(int max) {
    return new LoadConfig(
        clients,
        txPerSecond,
        initialBalance,
        kvPutFraction,
        maxTransferAmount,
        fee,
        max,
        resubmitAfterMicros);
  }

  public LoadConfig withResubmitAfterMicros(long micros) {
    return new LoadConfig(
        clients,
        txPerSecond,
        initialBalance,
        kvPutFraction,
        maxTransferAmount,
        fee,
        maxPendingPerClient,
        micros);
  }
}
